import sys
d = sys.stdin.read().split()
for i in range(int(d[0])):
    a, b = int(d[1 + 2 * i]), int(d[2 + 2 * i])
    print(sum(1 for y in range(a, b + 1) if y % 4 == 0))
