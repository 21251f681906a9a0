def solve():
    n, S = map(int, input().split())
    coins = list(map(int, input().split()))
    coins.sort()
    k = 0
    i = n - 1
    while S > 0 and i >= 0:
        if coins[i] <= S:
            S -= coins[i]
            k += 1
        else:
            i -= 1
    return k if S == 0 else -1
print(solve())
