import sys
def count(a):
    if len(a) <= 1:
        return a, 0
    mid = len(a) // 2
    l, x = count(a[:mid]); r, y = count(a[mid:])
    merged, i, j, inv = [], 0, 0, x + y
    while i < len(l) and j < len(r):
        if l[i] <= r[j]:
            merged.append(l[i]); i += 1
        else:
            merged.append(r[j]); j += 1; inv += len(l) - i
    merged += l[i:] + r[j:]
    return merged, inv
d = list(map(int, sys.stdin.read().split()))
print(count(d[1:1 + d[0]])[1])
