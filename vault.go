package tkm

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
)

// KeySize is the length of a secret key that protects NIKs at rest.
const KeySize = 32

// Vault keeps identity numbers unreadable at rest: it encrypts them with
// AES-256-GCM and gives each a keyed hash (HMAC-SHA256) so the registry can
// look a person up and keep NIKs unique without storing them in clear; it
// also keys the audit log's chain. It holds a ring of secret keys: the one
// in use seals and hashes, and any of them opens what it sealed, so that
// the key can be rotated.
type Vault struct {
	keys    []*vaultKey
	current *vaultKey
}

type vaultKey struct {
	id    [4]byte // stored before every sealed value
	aead  cipher.AEAD
	mac   []byte
	audit []byte
}

// NewVault returns a vault holding the given secret keys; the first is used
// until Use picks another.
func NewVault(keys ...[]byte) (*Vault, error) {
	if len(keys) == 0 {
		return nil, errors.New("new vault: no key")
	}
	v := &Vault{}
	for i, k := range keys {
		vk, err := newVaultKey(k)
		if err != nil {
			return nil, fmt.Errorf("new vault: key %d: %w", i+1, err)
		}
		v.keys = append(v.keys, vk)
	}
	v.current = v.keys[0]
	return v, nil
}

func newVaultKey(key []byte) (*vaultKey, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("key must be %d bytes, got %d", KeySize, len(key))
	}
	derive := func(purpose string) []byte {
		k, _ := hkdf.Key(sha256.New, key, nil, purpose, 32) // cannot fail for 32 bytes
		return k
	}
	block, err := aes.NewCipher(derive("tkm nik encryption"))
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	vk := &vaultKey{aead: aead, mac: derive("tkm nik lookup"), audit: derive("tkm audit chain")}
	copy(vk.id[:], derive("tkm key id"))
	return vk, nil
}

// NewKey returns a fresh random secret key.
func NewKey() []byte {
	k := make([]byte, KeySize)
	rand.Read(k) // never fails (crypto/rand, Go 1.24+)
	return k
}

// Keys returns how many keys the ring holds.
func (v *Vault) Keys() int { return len(v.keys) }

// Use makes the i-th key of the ring (0 is the first) the one in use.
func (v *Vault) Use(i int) { v.current = v.keys[i] }

// Using returns a copy of the vault with the i-th key in use.
func (v *Vault) Using(i int) *Vault {
	c := *v
	c.current = v.keys[i]
	return &c
}

// Check returns a value that identifies the key in use, to store beside
// the data it protects.
func (v *Vault) Check() string { return fmt.Sprintf("%x", v.Hash("tkm key check")) }

// Find returns the index of the ring's key whose Check is check.
func (v *Vault) Find(check string) (int, bool) {
	saved := v.current
	defer func() { v.current = saved }()
	for i := range v.keys {
		v.current = v.keys[i]
		if v.Check() == check {
			return i, true
		}
	}
	return 0, false
}

// Seal encrypts a NIK with the key in use; the result holds the key's id
// and a random nonce, and differs every call.
func (v *Vault) Seal(nik string) []byte {
	k := v.current
	out := make([]byte, len(k.id)+k.aead.NonceSize(), len(k.id)+k.aead.NonceSize()+len(nik)+k.aead.Overhead())
	copy(out, k.id[:])
	nonce := out[len(k.id):]
	rand.Read(nonce)
	return k.aead.Seal(out, nonce, []byte(nik), []byte("nik"))
}

// Open decrypts what Seal made with any key of the ring.
func (v *Vault) Open(sealed []byte) (string, error) {
	for _, k := range v.keys {
		n := len(k.id) + k.aead.NonceSize()
		if len(sealed) < n || !bytes.Equal(sealed[:len(k.id)], k.id[:]) {
			continue
		}
		p, err := k.aead.Open(nil, sealed[len(k.id):n], sealed[n:], []byte("nik"))
		if err != nil {
			return "", fmt.Errorf("open nik: %w", err)
		}
		return string(p), nil
	}
	return "", errors.New("open nik: sealed with a key that is not in the ring")
}

// Hash returns the keyed hash of a NIK under the key in use.
func (v *Vault) Hash(nik string) []byte {
	h := hmac.New(sha256.New, v.current.mac)
	h.Write([]byte(nik))
	return h.Sum(nil)
}

// AuditMAC returns the keyed hash that chains audit entries: without the
// key, nobody can rewrite the log and make the chain fit again.
func (v *Vault) AuditMAC(data []byte) []byte {
	h := hmac.New(sha256.New, v.current.audit)
	h.Write(data)
	return h.Sum(nil)
}
