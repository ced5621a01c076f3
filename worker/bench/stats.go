package main

import "github.com/authlab/authlab/app/ratio"

// floorMargin is how far the floor stays above the fastest measured
// worker, per round: the floor's req/s over the best other variant's in
// the same round, as a paired ratio. Below minFloorMargin the harness, not
// the workers, may be what limits them.
func floorMargin(floorRPS []float64, others [][]float64) (ratio.Interval, bool) {
	best := make([]float64, len(floorRPS))
	for i := range best {
		for _, o := range others {
			if i < len(o) && o[i] > best[i] {
				best[i] = o[i]
			}
		}
	}
	return ratio.Paired(floorRPS, best)
}

// minFloorMargin is how many times the measured workers' req/s the floor
// must reach for their figures to be their own.
const minFloorMargin = 3.0
