n = int(input())
h = list(map(int, input().split()))
cnt, last = 1, h[0]
for x in h[1:]:
    if x > last:
        cnt += 1
        last = x
print(cnt)
