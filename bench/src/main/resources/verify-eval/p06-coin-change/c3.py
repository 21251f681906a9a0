from functools import lru_cache
n, S = map(int, input().split())
coins = list(map(int, input().split()))
@lru_cache(maxsize=None)
def f(s):
    if s == 0:
        return 0
    best = float('inf')
    for c in coins:
        if c <= s:
            best = min(best, f(s - c) + 1)
    return best
r = f(S)
print(r if r != float('inf') else -1)
