n = int(input())
s = sum(map(int, input().split()))
q, r = divmod(abs(s), n)
v = q + 1 if 2 * r >= n else q
print(v if s >= 0 else -v)
