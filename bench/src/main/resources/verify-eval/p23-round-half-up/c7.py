n = int(input())
s = sum(map(int, input().split()))
q, r = divmod(s, n)
print(q + 1 if 2 * r >= n else q)
