n, K = map(int, input().split())
a = list(map(int, input().split()))
freq = {}
for x in a:
    freq[x] = freq.get(x, 0) + 1
pairs = 0
for x in freq:
    pairs += freq[x] * freq.get(K - x, 0)
print(pairs // 2)
