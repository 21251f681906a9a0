import math
class Solution:
    def countPrimes(self, n: int) -> int:
        if n < 2:
            return 0
        mark = [1] * (n + 1)
        mark[0] = mark[1] = 0
        for p in range(2, math.isqrt(n) + 1):
            if mark[p]:
                mark[p * p::p] = [0] * ((n - p * p) // p + 1)
        return sum(mark)
