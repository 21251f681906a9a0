q = int(input())
out = []
for _ in range(q):
    a, b, k = map(int, input().split())
    out.append(b // k - a // k)
print(*out, sep='\n')
