class Solution:
    def countPrimes(self, n):
        return sum(1 for m in range(2, n) if all(m % d for d in range(2, m)))
