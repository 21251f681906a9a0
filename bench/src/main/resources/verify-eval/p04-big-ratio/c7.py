import sys
lines = sys.stdin.read().splitlines()
for line in lines[1:int(lines[0]) + 1]:
    a, b, c = map(int, line.split())
    q, r = divmod(a * b, c)
    print(q)
