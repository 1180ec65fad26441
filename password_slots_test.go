package tkm

import (
	"testing"
	"time"
)

// A hash waits while every slot is taken, and goes on when one frees, so
// a rush of logins holds at most GOMAXPROCS argon2 buffers at once.
func TestHashWaitsForASlot(t *testing.T) {
	for range cap(hashSlots) {
		hashSlots <- struct{}{}
	}
	done := make(chan struct{})
	go func() {
		HashPassword("kopi-tubruk-pagi-7")
		close(done)
	}()
	select {
	case <-done:
		t.Fatal("hashed with every slot taken")
	case <-time.After(200 * time.Millisecond):
	}
	<-hashSlots
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("still waiting after a slot freed")
	}
	for range cap(hashSlots) - 1 {
		<-hashSlots
	}
}
