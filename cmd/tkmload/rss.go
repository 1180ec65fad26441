package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// sampler reads a process's resident memory (VmRSS) every interval.
type sampler struct {
	quit    chan struct{}
	done    chan []int64
	pid     int
	samples []int64 // KiB
}

// startSampler samples pid's memory until stop; pid 0 samples nothing.
func startSampler(pid int, every time.Duration) *sampler {
	s := &sampler{quit: make(chan struct{}), done: make(chan []int64, 1), pid: pid}
	go s.run(every)
	return s
}

func (s *sampler) run(every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		s.sample()
		select {
		case <-s.quit:
			s.sample()
			s.done <- s.samples
			return
		case <-t.C:
		}
	}
}

func (s *sampler) sample() {
	if kb, err := rssKiB(s.pid); err == nil {
		s.samples = append(s.samples, kb)
	}
}

// stop ends the sampling and returns the samples.
func (s *sampler) stop() []int64 {
	close(s.quit)
	return <-s.done
}

// rssKiB reads VmRSS from /proc/PID/status.
func rssKiB(pid int) (int64, error) {
	if pid == 0 {
		return 0, fmt.Errorf("no pid")
	}
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/%d/status", pid)
}

// memoryLine describes the samples: start, middle, end and most, in MiB.
func memoryLine(s []int64) string {
	if len(s) == 0 {
		return "server RSS: not sampled (give -pid)"
	}
	most := s[0]
	for _, v := range s {
		most = max(most, v)
	}
	mb := func(kb int64) float64 { return float64(kb) / 1024 }
	return fmt.Sprintf("server RSS MiB: start %.0f, mid %.0f, end %.0f, max %.0f (%d samples, 1/s)",
		mb(s[0]), mb(s[len(s)/2]), mb(s[len(s)-1]), mb(most), len(s))
}
