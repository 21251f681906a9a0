class Solution:
    def countPrimes(self, n: int) -> int:
        if n < 3:
            return 0
        comp = [False] * n
        cnt = 0
        for i in range(2, n):
            if not comp[i]:
                cnt += 1
                if i * i < n:
                    for j in range(i * i, n, i):
                        comp[j] = True
        return cnt
