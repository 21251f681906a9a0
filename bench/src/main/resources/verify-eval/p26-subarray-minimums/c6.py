n = int(input())
a = list(map(int, input().split()))
total = 0
for l in range(n):
    m = a[l]
    for r in range(l, n):
        if a[r] < m:
            m = a[r]
        total += m
print(total % (10**9 + 7))
