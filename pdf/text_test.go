package pdf

import "testing"

func TestWinAnsi(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ni Made Ayu", "Ni Made Ayu"},
		{"Renée", "Ren\xe9e"},
		{"D’Souza", "D\x92Souza"},
		{"5103••••••••0001", "5103\x95\x95\x95\x95\x95\x95\x95\x950001"},
		{"“Butterfly” – €5", "\x93Butterfly\x94 \x96 \x805"},
		{"Āditya Ŋ", "Aditya ?"},
		{"王", "?"},
		{"tab\there\nline\r", "tab here line "},
		{"\x80bad\xffutf8", "?bad?utf8"},
	}
	for _, tt := range tests {
		if got := winAnsi(tt.in); got != tt.want {
			t.Errorf("winAnsi(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPlain(t *testing.T) {
	if got, want := plain("BAST\x00 001/\xffXI\n2019 Café"), "BAST  001/?XI 2019 Café"; got != want {
		t.Errorf("plain = %q, want %q", got, want)
	}
}
