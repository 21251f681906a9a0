import sys
input = sys.stdin.readline
n = int(input())
ms = [list(map(int, input().split())) for _ in range(n)]
ms.sort(key=lambda x: x[0])
count, busy_until = 0, -1
for l, r in ms:
    if l <= busy_until:
        continue
    count += 1
    busy_until = r
print(count)
