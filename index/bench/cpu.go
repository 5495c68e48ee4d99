package bench

import (
	"bytes"
	"os"
	"strconv"
	"time"
)

// cpuMeter measures the processor time this process and the whole
// machine use between startCPU and stop. Other processes on the machine
// take cores from an engine under test; stop says how much.
type cpuMeter struct {
	own, machine time.Duration
}

func startCPU() cpuMeter { return cpuMeter{ownCPU(), machineBusy()} }

// stop returns the time this process used and the time the rest of the
// machine did, since start. Both are 0 where they cannot be read.
func (m cpuMeter) stop() (own, others time.Duration) {
	own = ownCPU() - m.own
	if m.machine == 0 {
		return own, 0
	}
	others = machineBusy() - m.machine - own
	return own, max(others, 0)
}

// machineBusy is the time all processors of the machine spent not idle
// since boot, from the first line of /proc/stat (in USER_HZ ticks, 100 a
// second on Linux).
func machineBusy() time.Duration {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	return parseProcStat(data)
}

func parseProcStat(data []byte) time.Duration {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	f := bytes.Fields(line)
	if len(f) < 9 || string(f[0]) != "cpu" {
		return 0
	}
	var busy uint64
	// user nice system idle iowait irq softirq steal: all but idle and iowait.
	for i, v := range f[1:9] {
		if i == 3 || i == 4 {
			continue
		}
		n, err := strconv.ParseUint(string(v), 10, 64)
		if err != nil {
			return 0
		}
		busy += n
	}
	return time.Duration(busy) * (time.Second / 100)
}
