package ui

import "tkm"

// A tile-grid map of Indonesia: each of the 38 provinces one square in
// its rough place, west to east and north to south, so that Jakarta or
// Yogyakarta is as easy to see and to click as Papua.

// tilePlace is a province's square on the grid: its column and row, and
// the short name the square shows.
type tilePlace struct {
	code, short string
	col, row    int
}

// tileLayout places the provinces, Sumatra to Papua.
var tileLayout = []tilePlace{
	{"11", "ACEH", 0, 0}, {"12", "SUMUT", 1, 1}, {"14", "RIAU", 2, 1}, {"21", "KEPRI", 3, 1},
	{"13", "SUMBAR", 1, 2}, {"15", "JAMBI", 2, 2}, {"19", "BABEL", 3, 2}, {"17", "BKL", 1, 3},
	{"16", "SUMSEL", 2, 3}, {"18", "LPG", 2, 4}, {"31", "DKI", 4, 4}, {"36", "BANTEN", 3, 5},
	{"32", "JABAR", 4, 5}, {"33", "JATENG", 5, 5}, {"34", "DIY", 5, 6}, {"35", "JATIM", 6, 5},
	{"51", "BALI", 7, 5}, {"52", "NTB", 8, 5}, {"53", "NTT", 9, 5},
	{"61", "KALBAR", 5, 1}, {"62", "KALTENG", 6, 1}, {"64", "KALTIM", 7, 1}, {"65", "KALTARA", 7, 0},
	{"63", "KALSEL", 7, 2},
	{"75", "GTLO", 10, 0}, {"71", "SULUT", 11, 0}, {"72", "SULTENG", 9, 1}, {"76", "SULBAR", 8, 2},
	{"73", "SULSEL", 9, 2}, {"74", "SULTRA", 10, 2},
	{"82", "MALUT", 12, 1}, {"81", "MALUKU", 12, 2},
	{"96", "PBD", 13, 1}, {"92", "PABAR", 14, 1}, {"91", "PAPUA", 15, 1}, {"94", "PATENG", 14, 2},
	{"95", "PAPEG", 15, 2}, {"93", "PASEL", 15, 3},
}

// The grid's geometry, in SVG user units.
const (
	tileStep = 44 // from one square to the next
	tileSize = 40
	tileCols = 16
	tileRows = 7
)

// tileMap is the map ready to draw.
type tileMap struct {
	Width, Height int
	Tiles         []tile
	Legend        []legendStep
}

// tile is one province's square: where, its shade (0 for no group, 1–4
// by quarter of the largest count), its label and the list behind it.
type tile struct {
	Code, Short, Name, Count, Href, Label string
	X, Y, TextX, CountY                   int
	Level                                 int
	Selected                              bool
}

// legendStep explains one shade.
type legendStep struct {
	Level int
	Label string
}

// newTileMap draws the groups per province.
func newTileMap(by map[string]int, f statsForm, p printer, regions tkm.Regions) tileMap {
	m := tileMap{Width: tileCols * tileStep, Height: tileRows * tileStep}
	most := maxOf(by)
	for _, t := range tileLayout {
		n := by[t.code]
		x, y := t.col*tileStep, t.row*tileStep
		name := provinceName(regions, t.code)
		m.Tiles = append(m.Tiles, tile{Code: t.code, Short: t.short, Name: name, Count: number(n),
			Href: f.groupsURL("province", t.code), Label: p.T("dashboard.map.tile", name, number(n)),
			X: x, Y: y, TextX: x + tileSize/2, CountY: y + 31, Level: shade(n, most), Selected: f.Province == t.code})
	}
	m.Legend = legend(most, p)
	return m
}

// shade is the level of n among counts up to most: 0 for none, else 1–4.
func shade(n, most int) int {
	if n <= 0 || most <= 0 {
		return 0
	}
	return (n*4 + most - 1) / most
}

// legend explains the shades: the counts each stands for.
func legend(most int, p printer) []legendStep {
	steps := []legendStep{{0, p.T("dashboard.map.legend.none")}}
	if most <= 0 {
		return steps
	}
	from := 1
	for level := 1; level <= 4; level++ {
		to := most * level / 4
		if to < from {
			continue
		}
		steps = append(steps, legendStep{level, number(from) + "–" + number(to)})
		from = to + 1
	}
	return steps
}
