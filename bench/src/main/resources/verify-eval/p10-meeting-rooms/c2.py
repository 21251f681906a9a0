n = int(input())
meetings = [tuple(map(int, input().split())) for _ in range(n)]
meetings.sort(key=lambda m: (m[1], m[0]))
taken = 0
free_from = 0
for l, r in meetings:
    if l >= free_from:
        taken += 1
        free_from = r + 1
print(taken)
