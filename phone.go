package tkm

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// PhoneInvalid is the FieldError code of a phone number tkm refuses.
const PhoneInvalid = "phone_invalid"

// phoneMaxLen caps the input before the parser sees it; a real number
// with generous punctuation is far shorter.
const phoneMaxLen = 40

// NormalizePhone turns an Indonesian phone number as people write it
// (0812-3456-7890, 62 812 3456 7890, +62 (812) 3456.7890, an office line
// such as 0361 123456) into E.164: "+6281234567890". Digits, spaces,
// dashes, dots, parentheses and a leading plus are allowed; letters,
// foreign numbers and numbers of the wrong length are refused. An empty
// (or all-blank) input gives "" and no error: the caller decides whether
// the field is required.
func NormalizePhone(s string) (string, *FieldError) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if e164, ok := fastMobile(s); ok {
		return e164, nil
	}
	return parsePhone(s)
}

// parsePhone is NormalizePhone by the phonenumbers library.
func parsePhone(s string) (string, *FieldError) {
	if len(s) > phoneMaxLen || !phoneChars(s) {
		return "", phoneError()
	}
	digits := phoneDigits(s)
	if strings.HasPrefix(s, "+") || strings.HasPrefix(digits, "62") {
		digits = "+" + digits // 628… is +628… written without its plus
	}
	num, err := phonenumbers.Parse(digits, "ID")
	if err != nil || !phonenumbers.IsValidNumberForRegion(num, "ID") {
		return "", phoneError()
	}
	return phonenumbers.Format(num, phonenumbers.E164), nil
}

// fastMobile normalises a plain Indonesian mobile number, digits only
// (08…, 628…, +628…, or 8… when Excel dropped the 0), as the library
// would, at a hundredth of its cost: an import checks a million of them.
// The library's metadata for Indonesian mobiles is 8[1-35-9]\d{7,10};
// ok is false for anything else, which is left to the library.
// FuzzFastMobile checks that the two agree.
func fastMobile(s string) (string, bool) {
	national := s
	switch {
	case strings.HasPrefix(s, "+62"):
		national = s[3:]
	case strings.HasPrefix(s, "62"):
		national = s[2:]
	case strings.HasPrefix(s, "0"):
		national = s[1:]
	}
	if len(national) < 9 || len(national) > 12 || national[0] != '8' || national[1] == '0' || national[1] == '4' {
		return "", false
	}
	for i := 0; i < len(national); i++ {
		if national[i] < '0' || national[i] > '9' {
			return "", false
		}
	}
	return "+62" + national, true
}

// FormatPhone shows a stored E.164 number the way Indonesians write it:
// "+6281234567890" becomes "0812-3456-7890" and "+62361123456" becomes
// "(0361) 123456". A foreign number is shown in international form; a
// value that is not a phone number is returned as it is.
func FormatPhone(e164 string) string {
	if mobile, ok := formatMobile(e164); ok {
		return mobile
	}
	num, err := phonenumbers.Parse(e164, "ID")
	if err != nil || !phonenumbers.IsValidNumber(num) {
		return e164
	}
	if num.GetCountryCode() != 62 {
		return phonenumbers.Format(num, phonenumbers.INTERNATIONAL)
	}
	return phonenumbers.Format(num, phonenumbers.NATIONAL)
}

// formatMobile formats an Indonesian mobile number as the library does
// ("0812-3456-7890"), without its cost: pages list many members.
func formatMobile(e164 string) (string, bool) {
	rest, ok := strings.CutPrefix(e164, "+628")
	if !ok || len(rest) < 9 || len(rest) > 10 || phoneDigits(rest) != rest {
		return "", false
	}
	national := "08" + rest
	return national[:4] + "-" + national[4:8] + "-" + national[8:], true
}

// phoneChars reports whether s holds only digits and the punctuation
// people put in phone numbers, with a plus allowed only in front.
func phoneChars(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == ' ', c == '-', c == '.', c == '(', c == ')':
		case c == '+' && i == 0:
		default:
			return false
		}
	}
	return true
}

// phoneDigits keeps only the ASCII digits of s.
func phoneDigits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			b.WriteByte(c)
		}
	}
	return b.String()
}

func phoneError() *FieldError {
	return &FieldError{Field: "phone", Code: PhoneInvalid,
		Message: "Nomor telepon tidak sah; tulis nomor Indonesia, misalnya 0812-3456-7890 atau (0361) 123456.",
		English: "Invalid phone number; write an Indonesian number, e.g. 0812-3456-7890 or (0361) 123456."}
}
