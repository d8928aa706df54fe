namespace Augment.Classifier.Statistics;

/// <summary>
/// Student's t distribution: CDF through the regularised incomplete beta function, quantile by bisection on it.
/// Written out here (no statistics package in the solution); checked against published table values in the tests.
/// </summary>
public static class StudentT
{
    /// <summary>P(T &lt;= t) for <paramref name="degreesOfFreedom"/> &gt; 0.</summary>
    public static double Cdf(double t, double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0)) throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "Degrees of freedom must be positive.");
        if (double.IsNaN(t)) return double.NaN;
        if (double.IsInfinity(t)) return t > 0 ? 1 : 0;
        // P(|T| > |t|) = I_x(df/2, 1/2) with x = df / (df + t^2).
        var tail = 0.5 * RegularizedBeta(degreesOfFreedom / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /// <summary>The t with P(T &lt;= t) = <paramref name="p"/>, e.g. Quantile(0.975, n - 1) for a two-sided 95% interval.</summary>
    public static double Quantile(double p, double degreesOfFreedom)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in (0, 1).");
        if (p < 0.5) return -Quantile(1 - p, degreesOfFreedom);
        if (p == 0.5) return 0;
        double low = 0, high = 1;
        while (Cdf(high, degreesOfFreedom) < p) { low = high; high *= 2; }   // 1 degree of freedom, p = 0.9995: 636.6
        for (var i = 0; i < 200 && high - low > 1e-13 * high; i++)
        {
            var mid = 0.5 * (low + high);
            if (Cdf(mid, degreesOfFreedom) < p) low = mid; else high = mid;
        }
        return 0.5 * (low + high);
    }

    /// <summary>I_x(a, b), by the continued fraction (modified Lentz), on the side where it converges fast.</summary>
    internal static double RegularizedBeta(double x, double a, double b)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2)
            ? front * BetaFraction(x, a, b) / a
            : 1 - front * BetaFraction(1 - x, b, a) / b;
    }

    static double BetaFraction(double x, double a, double b)
    {
        const double tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.Abs(d) < tiny ? tiny : d);
        var h = d;
        for (var m = 1; m <= 1000; m++)
        {
            // Even step, then odd step of the continued fraction.
            var even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 + even * d; d = 1 / (Math.Abs(d) < tiny ? tiny : d);
            c = 1 + even / c; if (Math.Abs(c) < tiny) c = tiny;
            h *= d * c;
            var odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + odd * d; d = 1 / (Math.Abs(d) < tiny ? tiny : d);
            c = 1 + odd / c; if (Math.Abs(c) < tiny) c = tiny;
            var step = d * c;
            h *= step;
            if (Math.Abs(step - 1) < 1e-15) break;
        }
        return h;
    }

    /// <summary>ln Γ(x) for x &gt; 0: Lanczos (g = 7, 9 terms), with the reflection formula below 1/2.</summary>
    internal static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        ReadOnlySpan<double> g =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        x -= 1;
        var sum = g[0];
        for (var i = 1; i < g.Length; i++) sum += g[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
