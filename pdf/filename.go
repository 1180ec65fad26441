package pdf

import (
	"strings"

	"tkm"
)

// BASTFilename is the download name of an aid record's BAST:
// "BAST-001-TKM-XI-2019.pdf" for handover number "001/TKM/XI/2019". Only
// letters, digits, "." and "_" are kept; every other run of characters
// becomes one "-".
func BASTFilename(a *tkm.Aid) string {
	if a == nil {
		return "BAST.pdf"
	}
	name := safeName(a.HandoverNo)
	if name == "" && a.ID != 0 {
		name = a.ID.String()
	}
	if name == "" {
		return "BAST.pdf"
	}
	return "BAST-" + name + ".pdf"
}

// maxNameLen caps the part of a file name taken from user data.
const maxNameLen = 100

// safeName keeps the ASCII letters, digits, "." and "_" of s and turns
// every other run into one "-", trimmed at both ends.
func safeName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r < 0x80 && (r == '.' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.Trim(b.String(), "-.")
	if len(out) > maxNameLen {
		out = strings.Trim(out[:maxNameLen], "-.")
	}
	return out
}
