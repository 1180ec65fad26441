package main

import (
	"context"
	"net/url"
	"regexp"
	"strings"

	"tkm"
)

// groupList is a page of the group list API.
type groupList struct {
	Items []struct {
		ID   tkm.ID `json:"id"`
		Name string `json:"name"`
	} `json:"items"`
}

// officer, logged in to the API and the web pages at the setup, lists the groups of
// a province, opens one, and searches by a word of a name seen, by the
// API (an officer's app or spreadsheet) and the pages (a browser) in turn.
func (p *person) officer(ctx context.Context) {
	a, c := p.w.officers[p.n%len(p.w.officers)], p.w.sessions[p.n]
	defer c.close()
	for ctx.Err() == nil {
		province := a.province
		if province == "" {
			province = oneOf(p.r, provinces)
		}
		if p.r.IntN(2) == 0 {
			p.officerAPI(ctx, c, province)
		} else {
			p.officerUI(ctx, c, province)
		}
	}
}

// officerAPI lists a province's groups, opens one and searches.
func (p *person) officerAPI(ctx context.Context, c *client, province string) {
	var list groupList
	if c.getJSON(ctx, "/api/v1/groups?limit=50&province="+province, &list) != nil || len(list.Items) == 0 || !p.think(ctx) {
		return
	}
	g := oneOf(p.r, list.Items)
	if _, err := c.get(ctx, "/api/v1/groups/"+g.ID.String()); err != nil || !p.think(ctx) {
		return
	}
	if c.getJSON(ctx, "/api/v1/groups?limit=50&q="+url.QueryEscape(searchWord(g.Name, p)), &list) == nil {
		p.t.finish()
	}
	p.think(ctx)
}

// groupLink finds the groups a list page links to.
var groupLink = regexp.MustCompile(`href="/kelompok/(\d+)"[^>]*>([^<]*)<`)

// officerUI does the same on the web pages.
func (p *person) officerUI(ctx context.Context, c *client, province string) {
	page, err := c.get(ctx, "/kelompok?province="+province)
	links := groupLink.FindAllSubmatch(page, -1)
	if err != nil || len(links) == 0 || !p.think(ctx) {
		return
	}
	l := oneOf(p.r, links)
	if _, err := c.get(ctx, "/kelompok/"+string(l[1])); err != nil || !p.think(ctx) {
		return
	}
	if _, err := c.get(ctx, "/kelompok?q="+url.QueryEscape(searchWord(string(l[2]), p))); err == nil {
		p.t.finish()
	}
	p.think(ctx)
}

// searchWord picks a word of a group's name, as someone who heard of it.
func searchWord(name string, p *person) string {
	words := strings.Fields(name)
	if len(words) == 0 {
		return "Maju"
	}
	return oneOf(p.r, words)
}
