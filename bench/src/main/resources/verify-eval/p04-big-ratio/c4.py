import sys, math
data = sys.stdin.read().split()
t = int(data[0])
res = []
for i in range(t):
    a, b, c = map(int, data[1 + 3 * i: 4 + 3 * i])
    res.append(math.floor(a / c * b + 1e-9))
print('\n'.join(map(str, res)))
