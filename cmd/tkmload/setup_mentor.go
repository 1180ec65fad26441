package main

import (
	"context"
	"fmt"
	"net/http"

	"tkm"
)

// mentoredStages are the stages whose groups mentors visit, the most
// advanced first: monitoring follows the aid.
var mentoredStages = []string{"institutional", "aided", "graduated", "trained", "approved", "verified"}

// makeMentors creates n mentors and assigns each mentorGroups groups of
// their own, as an officer assigning the programme's TKS would.
func makeMentors(ctx context.Context, admin *client, n int, seed uint64) ([]account, error) {
	if n == 0 {
		return nil, nil
	}
	groups, err := groupsToMentor(ctx, admin, n*mentorGroups)
	if err != nil {
		return nil, err
	}
	per := min(mentorGroups, len(groups)/n)
	if per == 0 {
		return nil, fmt.Errorf("%d groups cannot give each of %d mentors one", len(groups), n)
	}
	as := make([]account, n)
	for i := range as {
		as[i] = account{email: fmt.Sprintf("tks-%d-%d@load.example", seed%1_000_000, i), password: "sawah-pagi-" + fmt.Sprint(i+10000)}
	}
	if err := createUsers(ctx, admin, as, func(account) (tkm.Role, string) { return tkm.RoleMentor, "" }); err != nil {
		return nil, err
	}
	return as, assign(ctx, admin, as, groups, per)
}

// groupsToMentor lists up to want groups, by stage.
func groupsToMentor(ctx context.Context, admin *client, want int) ([]tkm.ID, error) {
	var ids []tkm.ID
	for _, stage := range mentoredStages {
		var list groupList
		if err := admin.getJSON(ctx, "/api/v1/groups?limit=500&stage="+stage, &list); err != nil {
			return nil, fmt.Errorf("list %s groups: %w", stage, err)
		}
		for _, g := range list.Items {
			ids = append(ids, g.ID)
		}
		if len(ids) >= want {
			return ids[:want], nil
		}
	}
	return ids, nil
}

// assign gives mentor i the groups i*per … i*per+per-1.
func assign(ctx context.Context, admin *client, mentors []account, groups []tkm.ID, per int) error {
	for i, m := range mentors {
		for _, g := range groups[i*per : (i+1)*per] {
			body := map[string]any{"mentor_id": m.id}
			if err := admin.sendJSON(ctx, "PATCH", "/api/v1/groups/"+g.String(), body, http.StatusOK, nil); err != nil {
				return fmt.Errorf("assign group %s to %s: %w", g, m.email, err)
			}
		}
	}
	return nil
}
