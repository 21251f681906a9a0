t = int(input())
def leaps(n):
    return n // 4 - n // 100 + n // 400
res = []
for _ in range(t):
    a, b = map(int, input().split())
    res.append(leaps(b) - leaps(a - 1))
print('\n'.join(map(str, res)))
