n = int(input())
a = list(map(int, input().split()))
MOD = 10**9 + 7
prev_less = [-1] * n
next_less = [n] * n
st = []
for i in range(n):
    while st and a[st[-1]] > a[i]:
        next_less[st.pop()] = i
    prev_less[i] = st[-1] if st and a[st[-1]] < a[i] else (prev_less[st[-1]] if st else -1)
    st.append(i)
total = 0
for i in range(n):
    total += a[i] * (i - prev_less[i]) * (next_less[i] - i)
print(total % MOD)
