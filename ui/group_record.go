package ui

import (
	"context"

	"tkm"
)

// groupRecord is everything the group page shows about a group: its way
// along the stages and what it has done on the way.
type groupRecord struct {
	Group     *tkm.Group
	Cohort    *tkm.Cohort
	History   []*tkm.Transition
	Gates     []tkm.GateResult // of the next stage; none at the end of the path or off it
	Trainings []*tkm.Training
	Aid       []*tkm.Aid
	Products  []*tkm.Product
	LPJs      []*tkm.LPJ
	Reports   []*tkm.Report
}

// loadRecord gathers the record of g: one call to each service, one after
// the other. Each is a read transaction of its own that checks the user's
// scope again; one store call reading it all in one transaction would be
// cheaper still. They are not made at once: on the two or three cores of
// a server that hosts its database, parallel reads were no faster, and a
// page would hold as many connections as it makes calls.
func (h *Handler) loadRecord(ctx context.Context, g *tkm.Group) (*groupRecord, error) {
	rec := &groupRecord{Group: g}
	var err error
	if rec.Cohort, err = h.Cohorts.FindCohortByID(ctx, g.CohortID); err != nil {
		return nil, err
	}
	if g.Stage != tkm.StageRegistered { // no move leads back to the start: a group there never moved
		if rec.History, err = h.Workflow.History(ctx, g.ID); err != nil {
			return nil, err
		}
	}
	if next := g.Stage.Next(); next != "" {
		if rec.Gates, err = h.Workflow.Gates(ctx, g.ID, next); err != nil {
			return nil, err
		}
	}
	if rec.Trainings, err = h.Trainings.FindTrainings(ctx, tkm.TrainingFilter{GroupID: g.ID, GroupOnly: true}); err != nil {
		return nil, err
	}
	if rec.Aid, err = h.Aid.FindAid(ctx, g.ID); err != nil {
		return nil, err
	}
	if rec.Products, err = h.Products.FindProducts(ctx, g.ID); err != nil {
		return nil, err
	}
	if rec.LPJs, err = h.LPJs.FindLPJs(ctx, g.ID); err != nil {
		return nil, err
	}
	if rec.Reports, err = h.Reports.FindReports(ctx, g.ID); err != nil {
		return nil, err
	}
	return rec, nil
}
