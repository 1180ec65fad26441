package tkm

import (
	"bytes"
	"time"
)

// Date is a calendar day without a time or zone (a birth date, a training
// day). It is written YYYY-MM-DD. The zero Date means "not given".
type Date struct{ t time.Time }

// DateOf returns the Date of y-m-d.
func DateOf(y int, m time.Month, d int) Date { return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// ParseDate reads a YYYY-MM-DD date; it refuses impossible days (2019-02-30).
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, Errorf(EINVALID, "Tanggal %q tidak sah; tulis TTTT-BB-HH.", "Date %q is invalid; write YYYY-MM-DD.", s)
	}
	return Date{t}, nil
}

func (d Date) IsZero() bool          { return d.t.IsZero() }
func (d Date) Time() time.Time       { return d.t }
func (d Date) Year() int             { return d.t.Year() }
func (d Date) Month() time.Month     { return d.t.Month() }
func (d Date) Day() int              { return d.t.Day() }
func (d Date) Before(o Date) bool    { return d.t.Before(o.t) }
func (d Date) AddDays(n int) Date    { return Date{d.t.AddDate(0, 0, n)} }
func (d Date) Weekday() time.Weekday { return d.t.Weekday() }

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// AgeOn returns the age in whole years of someone born on d, on day on.
func (d Date) AgeOn(on Date) int {
	age := on.Year() - d.Year()
	if on.Month() < d.Month() || (on.Month() == d.Month() && on.Day() < d.Day()) {
		age--
	}
	return age
}

func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + d.String() + `"`), nil
}

func (d *Date) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) || bytes.Equal(b, []byte(`""`)) {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(bytes.Trim(b, `"`)))
	*d = v
	return err
}

// easternmost is Indonesia's easternmost time (WIT, UTC+7 to UTC+9 across
// the country): the first place where a new day begins.
var easternmost = time.FixedZone("WIT", 9*60*60)

// Today is the date of t where the day begins first in Indonesia, so that
// nothing done today anywhere in the country is judged to be in the future.
func Today(t time.Time) Date { return DateOf(t.In(easternmost).Date()) }
