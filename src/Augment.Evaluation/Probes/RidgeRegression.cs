using Augment.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Evaluation.Probes;

/// <summary>
/// Linear ridge regression from flattened pixels to one or more targets, solved in closed form (float64). The
/// penalty is picked from a grid by k-fold cross-validation over whole subjects, so a probe that only memorises the
/// training people (and would fail on held-out ones) is not rewarded. Inputs are centred; no other preprocessing.
/// </summary>
public sealed class RidgeRegression : IDisposable
{
    /// <summary>Penalties tried, as multiples of the mean eigenvalue of the centred Gram matrix.</summary>
    public static readonly IReadOnlyList<double> RelativePenalties = [1e-4, 1e-3, 1e-2, 1e-1, 1, 10];

    readonly Tensor _inputMean;     // D
    readonly Tensor _targetMean;    // T
    readonly Tensor _weights;       // D x T

    RidgeRegression(Tensor inputMean, Tensor targetMean, Tensor weights, double penalty)
    {
        _inputMean = inputMean;
        _targetMean = targetMean;
        _weights = weights;
        Penalty = penalty;
    }

    /// <summary>The chosen relative penalty (a value of <see cref="RelativePenalties"/>, or the one given).</summary>
    public double Penalty { get; }

    public int Targets => (int)_weights.shape[1];

    /// <summary>
    /// Fits x (N x ...) to y (N x T) choosing the penalty by cross-validation over <paramref name="groups"/> (at most
    /// <paramref name="folds"/> folds of whole groups; with fewer than two groups the middle penalty is used).
    /// </summary>
    public static RidgeRegression Fit(Tensor x, Tensor y, IReadOnlyList<string> groups, int folds = 4, int seed = 1)
    {
        var n = (int)x.shape[0];
        if (y.dim() != 2 || y.shape[0] != n) throw new ArgumentException($"Targets must be {n} x T, got [{string.Join(", ", y.shape)}].");
        if (groups.Count != n) throw new ArgumentException($"{groups.Count} groups for {n} rows.");
        if (n < 2) throw new ArgumentException($"Ridge regression needs at least 2 rows, got {n}.");
        var distinct = groups.Distinct().OrderBy(g => g, StringComparer.Ordinal).ToArray();
        var k = Math.Min(folds, distinct.Length);
        if (k < 2) return FitWith(x, y, RelativePenalties[RelativePenalties.Count / 2]);

        var rng = new Random(Seeding.Derive(seed, "ridge-folds"));
        var foldOf = distinct.OrderBy(_ => rng.Next()).Select((g, i) => (g, i % k)).ToDictionary(p => p.g, p => p.Item2);
        var errors = new double[RelativePenalties.Count];
        for (var f = 0; f < k; f++)
        {
            var trainRows = Enumerable.Range(0, n).Where(i => foldOf[groups[i]] != f).Select(i => (long)i).ToArray();
            var testRows = Enumerable.Range(0, n).Where(i => foldOf[groups[i]] == f).Select(i => (long)i).ToArray();
            using var scope = NewDisposeScope();
            var tr = tensor(trainRows);
            var te = tensor(testRows);
            var solver = Solver.Create(x.index_select(0, tr), y.index_select(0, tr));
            var xt = x.index_select(0, te).flatten(1).to_type(ScalarType.Float64);
            var yt = y.index_select(0, te).to_type(ScalarType.Float64);
            for (var p = 0; p < errors.Length; p++)
                errors[p] += solver.Predict(xt, RelativePenalties[p]).sub(yt).pow(2).sum().item<double>();
        }
        var best = Array.IndexOf(errors, errors.Min());
        return FitWith(x, y, RelativePenalties[best]);
    }

    /// <summary>Fits with a fixed relative penalty.</summary>
    public static RidgeRegression FitWith(Tensor x, Tensor y, double relativePenalty)
    {
        using var scope = NewDisposeScope();
        var solver = Solver.Create(x, y);
        var w = solver.Weights(relativePenalty);
        var model = new RidgeRegression(solver.InputMean.MoveToOuterDisposeScope(), solver.TargetMean.MoveToOuterDisposeScope(),
            w.MoveToOuterDisposeScope(), relativePenalty);
        return model;
    }

    /// <summary>Predictions N x T (float32, CPU) for inputs N x ... shaped like the training inputs.</summary>
    public Tensor Predict(Tensor x)
    {
        using var scope = NewDisposeScope();
        var xc = x.cpu().flatten(1).to_type(ScalarType.Float64).sub(_inputMean);
        if (xc.shape[1] != _weights.shape[0]) throw new ArgumentException($"Inputs have {xc.shape[1]} values per row, the regression was fitted on {_weights.shape[0]}.");
        return xc.matmul(_weights).add(_targetMean).to_type(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        _inputMean.Dispose();
        _targetMean.Dispose();
        _weights.Dispose();
    }

    /// <summary>
    /// One eigendecomposition of the smaller Gram matrix serves every penalty: dual form (N x N) when there are fewer
    /// rows than inputs, primal (D x D) otherwise. The penalty is scaled by the mean eigenvalue, so the grid means the
    /// same at any image size.
    /// </summary>
    sealed class Solver
    {
        readonly Tensor _xc, _vectors, _values, _projected;
        readonly bool _dual;
        readonly double _scale;

        Solver(Tensor x, Tensor y)
        {
            var xd = x.cpu().flatten(1).to_type(ScalarType.Float64);
            var yd = y.cpu().to_type(ScalarType.Float64);
            InputMean = xd.mean([0]);
            TargetMean = yd.mean([0]);
            _xc = xd.sub(InputMean);
            var yc = yd.sub(TargetMean);
            _dual = _xc.shape[0] <= _xc.shape[1];
            var (values, vectors) = linalg.eigh(_dual ? _xc.matmul(_xc.t()) : _xc.t().matmul(_xc));
            _values = values.clamp_min(0);
            _vectors = vectors;
            _scale = Math.Max(_values.mean().item<double>(), 1e-12);
            // U^T Y (dual) or V^T X^T Y (primal): the part of the solution that does not depend on the penalty.
            _projected = _dual ? vectors.t().matmul(yc) : vectors.t().matmul(_xc.t().matmul(yc));
        }

        /// <summary>Tensors land in the caller's dispose scope.</summary>
        public static Solver Create(Tensor x, Tensor y) => new(x, y);

        public Tensor InputMean { get; }
        public Tensor TargetMean { get; }

        /// <summary>W (D x T) for one relative penalty.</summary>
        public Tensor Weights(double relativePenalty)
        {
            var inverse = _values.add(relativePenalty * _scale).reciprocal().unsqueeze(1);
            var core = _vectors.matmul(_projected.mul(inverse));          // dual: alpha (N x T); primal: W
            return _dual ? _xc.t().matmul(core) : core;
        }

        public Tensor Predict(Tensor x, double relativePenalty) => x.sub(InputMean).matmul(Weights(relativePenalty)).add(TargetMean);
    }
}
