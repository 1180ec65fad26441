package ui

import (
	"context"
	"errors"
	"io"
	"log/slog"

	"tkm"
)

// slogTo logs to w, for tests that check what was logged.
func slogTo(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }

// failingGroups fails as a broken database would, with details that must
// never reach a page.
type failingGroups struct{}

var errDatabase = errors.New("SELECT secret FROM groups: connection reset by peer")

func (failingGroups) CreateGroup(context.Context, *tkm.Group) ([]tkm.Warning, error) {
	return nil, errDatabase
}

func (failingGroups) FindGroupByID(context.Context, tkm.ID) (*tkm.Group, error) {
	return nil, errDatabase
}

func (failingGroups) RevealNIKs(context.Context, tkm.ID) (*tkm.Group, error) {
	return nil, errDatabase
}

func (failingGroups) FindGroups(context.Context, tkm.GroupFilter) (*tkm.GroupPage, error) {
	return nil, errDatabase
}

func (failingGroups) UpdateGroup(context.Context, tkm.ID, tkm.GroupUpdate) (*tkm.Group, []tkm.Warning, error) {
	return nil, nil, errDatabase
}

func (failingGroups) DeleteGroup(context.Context, tkm.ID) error { return errDatabase }
