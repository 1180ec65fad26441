package passwords

import "testing"

func TestCommon(t *testing.T) {
	for _, p := range []string{"qwertyuiop123", "QWERTYUIOP123", "1qaz2wsx3edc", "bismillah123", "passwordpassword"} {
		if !Common(p) {
			t.Errorf("Common(%q) = false, want true", p)
		}
	}
	for _, p := range []string{"pantai-kuta-2019", "kopi tubruk pagi hari", "correct horse battery staple"} {
		if Common(p) {
			t.Errorf("Common(%q) = true, want false", p)
		}
	}
	if n := len(common()); n < 40000 {
		t.Errorf("only %d passwords in the list", n)
	}
}
