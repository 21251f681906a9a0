n = int(input())
t = list(map(int, input().split()))
print(round(sum(t) / n))
