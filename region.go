package tkm

import "strings"

// RegionLevel is how deep a code sits in the Kemendagri hierarchy.
type RegionLevel string

const (
	LevelProvince RegionLevel = "province" // 51
	LevelRegency  RegionLevel = "regency"  // 51.03 (kabupaten or kota)
	LevelDistrict RegionLevel = "district" // 51.03.05 (kecamatan)
	LevelVillage  RegionLevel = "village"  // 51.03.05.2001 (desa or kelurahan)
)

// Region is one administrative area. Codes are dotted strings, never numbers.
type Region struct {
	Code  string      `json:"code"`
	Name  string      `json:"name"`
	Level RegionLevel `json:"level"`
}

// Regions is the reference table of administrative areas shipped with tkm.
type Regions interface {
	// Region returns the current region with that code.
	Region(code string) (Region, bool)
	// Children lists the regions directly under parent, by code; an empty
	// parent lists the provinces.
	Children(parent string) []Region
	// Resolve maps a regency code that was valid in the past (the Papua
	// codes before the 2022 split, say) to the current one; a current code
	// maps to itself.
	Resolve(regency string) (current string, ok bool)
}

// ProvinceOf returns the province part of a region code ("51" for "51.03.05").
func ProvinceOf(code string) string {
	p, _, _ := strings.Cut(code, ".")
	return p
}

// LevelOf returns the level a code's shape implies, without looking it up.
func LevelOf(code string) RegionLevel {
	switch strings.Count(code, ".") {
	case 0:
		return LevelProvince
	case 1:
		return LevelRegency
	case 2:
		return LevelDistrict
	default:
		return LevelVillage
	}
}

// WithinRegion reports whether code lies inside prefix by whole segments:
// "51" covers "51" and "51.03.05" but never "511".
func WithinRegion(code, prefix string) bool {
	return prefix == "" || code == prefix || strings.HasPrefix(code, prefix+".")
}
