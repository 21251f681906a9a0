from functools import lru_cache
h, w = map(int, input().split())
g = [input() for _ in range(h)]
MOD = 10**9 + 7
@lru_cache(maxsize=None)
def f(i, j):
    if i >= h or j >= w or g[i][j] == '#':
        return 0
    if i == h - 1 and j == w - 1:
        return 1
    return (f(i + 1, j) + f(i, j + 1)) % MOD
print(f(0, 0))
