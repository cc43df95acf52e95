package manifest

import (
	"fmt"
	"strings"
)

// Suggest returns the candidate closest to word, or "" when none is close
// enough to be a plausible typo. Comparison is case-insensitive and uses
// the optimal-string-alignment (Damerau-Levenshtein) distance, so a swapped
// pair of letters ("tabel") counts as one edit. A candidate is close when
// its distance is at most max(1, len(word)/3); ties go to the earlier
// candidate so results are deterministic.
func Suggest(word string, candidates []string) string {
	w := []rune(strings.ToLower(word))
	limit := max(1, len(w)/3)
	best, bestDist := "", limit+1
	for _, c := range candidates {
		d := distance(w, []rune(strings.ToLower(c)))
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the optimal-string-alignment edit distance between a and b.
func distance(a, b []rune) int {
	// Three rolling rows: the transposition case needs row i-2.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// didYouMean returns a hint for an unknown word: a suggestion when one is
// close, otherwise the full list of allowed values so the user is never
// left guessing.
func didYouMean(word string, candidates []string, what string) string {
	if s := Suggest(word, candidates); s != "" {
		return fmt.Sprintf("did you mean %q?", s)
	}
	if len(candidates) == 0 {
		return ""
	}
	return what + ": " + strings.Join(candidates, ", ")
}
