package main

import (
	"context"
	"net/http"
	"time"

	"tkm"
)

// mentor, logged in at the setup, goes group after group of those assigned to them, opens
// the group, reads its monitoring reports and files the next month
// missing, going back from this month: one report a month a group.
func (p *person) mentor(ctx context.Context) {
	c := p.w.sessions[p.n]
	defer c.close()
	var mine groupList
	if c.getJSON(ctx, "/api/v1/groups?limit=50", &mine) != nil || len(mine.Items) == 0 {
		return
	}
	for i := 0; ctx.Err() == nil; i++ {
		if !p.think(ctx) {
			return
		}
		p.monitor(ctx, c, mine.Items[i%len(mine.Items)].ID)
	}
}

// monitor opens a group and files a report for a month without one.
func (p *person) monitor(ctx context.Context, c *client, id tkm.ID) {
	path := "/api/v1/groups/" + id.String()
	var reports struct {
		Items []struct{ Period string } `json:"items"`
	}
	if _, err := c.get(ctx, path); err != nil || c.getJSON(ctx, path+"/reports", &reports) != nil || !p.think(ctx) {
		return
	}
	taken := map[string]bool{}
	for _, r := range reports.Items {
		taken[r.Period] = true
	}
	rep := map[string]any{"period": freePeriod(taken, time.Now().UTC()), "revenue": 500_000 * (1 + p.r.IntN(40)),
		"production": "120 kemasan", "active_members": 8 + p.r.IntN(3), "new_workers": p.r.IntN(2),
		"notes": "Kunjungan rutin; usaha berjalan."}
	if c.sendJSON(ctx, "POST", path+"/reports", rep, http.StatusCreated, nil) == nil {
		p.t.finish()
	}
}

// freePeriod is the latest month, from now back, without a report.
func freePeriod(taken map[string]bool, now time.Time) string {
	m := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	for taken[m.Format("2006-01")] {
		m = m.AddDate(0, -1, 0)
	}
	return m.Format("2006-01")
}
