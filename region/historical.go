package region

import (
	"encoding/csv"
	"fmt"
	"slices"
	"strings"

	"tkm"
)

var historicalHeader = []string{"old_code", "new_code", "name", "until_year"}

// parseHistorical reads the retired regency codes and checks each against
// the current table: the old code must be a regency code no longer in use,
// the new one a current regency whose name is the one written down.
func (t *Table) parseHistorical(text string) (map[string]string, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comment = '#'
	r.FieldsPerRecord = len(historicalHeader)
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("region: historical codes: %w", err)
	}
	if len(recs) == 0 || !slices.Equal(recs[0], historicalHeader) {
		return nil, fmt.Errorf("region: historical codes: header is not %q", historicalHeader)
	}
	moved := make(map[string]string, len(recs)-1)
	for _, rec := range recs[1:] {
		if err := t.checkMove(rec, moved); err != nil {
			return nil, fmt.Errorf("region: historical codes: %w", err)
		}
		moved[rec[0]] = rec[1]
	}
	return moved, nil
}

// checkMove validates one old_code,new_code,name,until_year record.
func (t *Table) checkMove(rec []string, moved map[string]string) error {
	old, cur, name, year := rec[0], rec[1], rec[2], rec[3]
	depth, ok := shape(old)
	_, inUse := t.nodes[old]
	target, found := t.Region(cur)
	switch {
	case !ok || depth != 1 || inUse || moved[old] != "":
		return fmt.Errorf("%s: not a retired regency code, or listed twice", old)
	case !found || target.Level != tkm.LevelRegency:
		return fmt.Errorf("%s: %s is not a current regency", old, cur)
	case target.Name != name:
		return fmt.Errorf("%s: %s is %q, not %q", old, cur, target.Name, name)
	case !digits(year, 4):
		return fmt.Errorf("%s: bad year %q", old, year)
	}
	return nil
}
