from statistics import mean
n = int(input())
print(round(mean(map(int, input().split()))))
