n, m = map(int, input().split())
pos = 0
for x in map(int, input().split()):
    pos = (pos + x) % m
print(pos)
