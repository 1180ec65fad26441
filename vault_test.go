package tkm_test

import (
	"bytes"
	"testing"

	"tkm"
)

func TestVault(t *testing.T) {
	k1, k2 := tkm.NewKey(), tkm.NewKey()
	v, err := tkm.NewVault(k1)
	if err != nil {
		t.Fatal(err)
	}
	nik := "5103051201900001"
	a, b := v.Seal(nik), v.Seal(nik)
	if bytes.Equal(a, b) || bytes.Contains(a, []byte(nik)) {
		t.Fatal("sealing is not randomised, or leaves the NIK in clear")
	}
	if got, err := v.Open(a); err != nil || got != nik {
		t.Fatalf("open: %q %v", got, err)
	}
	if !bytes.Equal(v.Hash(nik), v.Hash(nik)) || bytes.Equal(v.Hash(nik), v.Hash("5103051201900002")) {
		t.Fatal("hash is not a function of the NIK")
	}
	a[len(a)-1] ^= 1
	if _, err := v.Open(a); err == nil {
		t.Fatal("a tampered value opened")
	}

	// A ring with a new key first: seals with the new key, opens both.
	ring, _ := tkm.NewVault(k2, k1)
	old := v.Seal(nik)
	if got, err := ring.Open(old); err != nil || got != nik {
		t.Fatalf("ring opening an old value: %q %v", got, err)
	}
	if _, err := v.Open(ring.Seal(nik)); err == nil {
		t.Fatal("the old key opened a value sealed with the new one")
	}
	if i, ok := ring.Find(v.Check()); !ok || i != 1 {
		t.Fatalf("Find the old key: %d %v", i, ok)
	}
	ring.Use(1)
	if !bytes.Equal(ring.Hash(nik), v.Hash(nik)) {
		t.Fatal("Use did not switch the key in use")
	}
	if _, err := tkm.NewVault([]byte("short")); err == nil {
		t.Fatal("a short key was accepted")
	}
}
