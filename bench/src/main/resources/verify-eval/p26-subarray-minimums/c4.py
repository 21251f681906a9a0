import sys
d = list(map(int, sys.stdin.read().split()))
n, a = d[0], d[1:1 + d[0]]
dp = [0] * n
st = []
for i in range(n):
    while st and a[st[-1]] >= a[i]:
        st.pop()
    j = st[-1] if st else -1
    dp[i] = (dp[j] if j >= 0 else 0) + a[i] * (i - j)
    st.append(i)
print(sum(dp) % (10**9 + 7))
