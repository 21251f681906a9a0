n, K = map(int, input().split())
vals = set(map(int, input().split()))
print(sum(1 for x in vals if K - x in vals and x < K - x) + (1 if K % 2 == 0 and K // 2 in vals else 0))
