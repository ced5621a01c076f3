package main

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-3 }

func TestFloorMargin(t *testing.T) {
	floor := []float64{3000, 3300, 2700}
	iv, ok := floorMargin(floor, [][]float64{{1000, 900, 900}, {800, 1100, 700}})
	// Best per round: 1000, 1100, 900 → 3× in every round.
	if !ok || !near(iv.Ratio, 3) || !near(iv.Lo, 3) {
		t.Errorf("%+v %v", iv, ok)
	}
	iv, _ = floorMargin(floor, [][]float64{{1500, 1650, 1350}})
	if iv.Ratio >= minFloorMargin {
		t.Errorf("a floor 2× its workers reads %v", iv)
	}
}
