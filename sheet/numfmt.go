package sheet

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// builtinDate reports whether Excel's built-in number format id is a date
// or time: 14–22 (m/d/yyyy … h:mm:ss), 27–36 and 50–58 (East Asian dates),
// 45–47 (minutes and seconds), 71–81 (Thai).
func builtinDate(id int) bool {
	return 14 <= id && id <= 22 || 27 <= id && id <= 36 || 45 <= id && id <= 47 ||
		50 <= id && id <= 58 || 71 <= id && id <= 81
}

// isDateCode reports whether a custom number format shows a date or a time:
// whether, once quoted text, escaped characters and [bracketed] colours
// and locales are left out, it has a d, m, y, h or s. Elapsed time ([h],
// [mm], [ss]) counts as time.
func isDateCode(code string) bool {
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				return false
			}
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				return false
			}
			if inner := code[i+1 : i+j]; inner != "" && strings.Trim(strings.ToLower(inner), "hms") == "" {
				return true // [h], [mm], [ss]
			}
			i += j
		case 'd', 'D', 'm', 'M', 'y', 'Y', 'h', 'H', 's', 'S':
			return true
		case ';':
			return false // only the first section decides
		}
	}
	return false
}

// zeroPad returns n for a format of n zeros, such as "0000" or a NIK
// column's sixteen: Excel shows the integer padded to n digits.
func zeroPad(code string) int {
	if code == "" || len(code) > 32 || strings.Trim(code, "0") != "" {
		return 0
	}
	return len(code)
}

// padded returns the digits of raw padded with zeros to n, when raw is a
// non-negative integer written in plain digits.
func padded(dst, raw []byte, n int) []byte {
	if len(raw) >= n || len(raw) == 0 {
		return append(dst, raw...)
	}
	for _, c := range raw {
		if c < '0' || c > '9' {
			return append(dst, raw...)
		}
	}
	for range n - len(raw) {
		dst = append(dst, '0')
	}
	return append(dst, raw...)
}

// Excel's day zero: 30 December 1899 in the 1900 date system (which counts
// a 29 February 1900 that never was), 1 January 1904 in the 1904 system of
// old Mac workbooks.
var (
	epoch1900 = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	epoch1904 = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

// serialText appends the date of an Excel serial as YYYY-MM-DD, or
// YYYY-MM-DD HH:MM:SS when it has a time of day. It returns false for a
// value that is no serial of a year up to 9999.
func serialText(dst, raw []byte, date1904 bool) ([]byte, bool) {
	v, err := strconv.ParseFloat(string(raw), 64)
	if err != nil || v < 0 || v >= lastSerial(date1904)+1 {
		return dst, false
	}
	days := math.Floor(v)
	secs := math.Round((v - days) * 86400)
	epoch := epoch1900
	switch {
	case date1904:
		epoch = epoch1904
	case days == 60:
		return append(dst, "1900-02-29"...), true // Excel's phantom day
	case days < 60:
		epoch = epoch.AddDate(0, 0, 1)
	}
	t := epoch.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second)
	if secs == 0 || secs == 86400 {
		return t.AppendFormat(dst, time.DateOnly), true
	}
	return t.AppendFormat(dst, time.DateTime), true
}

// dateSerial returns the Excel serial of an ISO 8601 date or date-time (the
// value of a cell of type "d"), in the 1900 date system unless date1904.
func dateSerial(iso string, date1904 bool) (float64, bool) {
	var t time.Time
	var err error
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04", time.DateOnly} {
		if t, err = time.Parse(layout, iso); err == nil {
			break
		}
	}
	if err != nil {
		return 0, false
	}
	// The wall clock as written, whatever the offset: cells have no zone.
	t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	epoch := epoch1900
	if date1904 {
		epoch = epoch1904
	}
	v := float64(t.Unix()-epoch.Unix())/86400 + float64(t.Nanosecond())/86400e9
	if !date1904 && v < 61 {
		v-- // before Excel's phantom 29 February 1900
	}
	return v, v >= 0 && v < lastSerial(date1904)+1
}

// lastSerial is the serial of 31 December 9999, the last day Excel knows.
func lastSerial(date1904 bool) float64 {
	if date1904 {
		return 2957003
	}
	return 2958465
}
