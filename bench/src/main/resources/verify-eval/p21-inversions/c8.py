import sys
d = list(map(int, sys.stdin.read().split()))
a = d[1:1 + d[0]]
n = len(a)
inv = 0
width = 1
while width < n:
    merged = []
    for lo in range(0, n, 2 * width):
        left, right = a[lo:lo + width], a[lo + width:lo + 2 * width]
        i = j = 0
        while i < len(left) and j < len(right):
            if left[i] <= right[j]:
                merged.append(left[i]); i += 1
            else:
                merged.append(right[j]); j += 1; inv += len(left) - i
        merged += left[i:] + right[j:]
    a = merged
    width *= 2
print(inv)
