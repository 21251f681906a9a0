class Solution:
    def countPrimes(self, n: int) -> int:
        count = 0
        for m in range(2, n):
            prime = True
            d = 2
            while d * d <= m:
                if m % d == 0:
                    prime = False
                    break
                d += 1
            if prime:
                count += 1
        return count
