using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Augment.MlNet;

/// <summary>
/// Bridge to ML.NET's model-file machinery for a transformer that lives outside ML.NET.
/// ML.NET 5 keeps everything a saveable transformer needs internal ([BestFriend]: the members of
/// <see cref="ModelSaveContext"/>, ModelLoadContext, VersionInfo, LoadableClassAttribute, SignatureLoadModel;
/// dotnet/machinelearning#2640), and its only public extension point, CustomMapping, cannot carry per-model state
/// such as network weights. So this class reaches those members by reflection: the model is then written into, and
/// read from, the ML.NET model file like any built-in transformer. Every member used is looked up eagerly, so a
/// changed ML.NET fails here with a clear message (Microsoft.ML is pinned centrally; a test round-trips a model).
/// </summary>
public static class MlNetModelInterop
{
    const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
    static readonly Assembly Core = typeof(ModelSaveContext).Assembly;
    static readonly Type VersionInfoType = CoreType("Microsoft.ML.VersionInfo");
    static readonly Type LoadContextType = CoreType("Microsoft.ML.ModelLoadContext");
    static readonly Type SignatureLoadModel = CoreType("Microsoft.ML.SignatureLoadModel");
    static readonly Type ClassAttributeType = CoreType("Microsoft.ML.LoadableClassAttribute");
    static readonly Type ClassAttributeBase = CoreType("Microsoft.ML.LoadableClassAttributeBase");
    static readonly Type ClassInfoType = CoreType("Microsoft.ML.Runtime.ComponentCatalog+LoadableClassInfo");

    /// <summary>Writes the header, then the caller's fields into the model stream, then named binary side streams.</summary>
    public static void Save(ModelSaveContext ctx, ModelVersion version, Action<BinaryWriter> writeFields,
        IReadOnlyDictionary<string, Action<BinaryWriter>> streams)
    {
        Invoke(ctx, "CheckAtModel");
        Invoke(ctx, "SetVersionInfo", version.ToVersionInfo());
        writeFields((BinaryWriter)Field(ctx, "Writer"));
        foreach (var (name, write) in streams) Invoke(ctx, "SaveBinaryStream", name, write);
    }

    /// <summary>Checks the header of a ModelLoadContext (passed as object: the type is internal) and reads its fields.</summary>
    public static BinaryReader OpenModel(object ctx, ModelVersion version)
    {
        if (!LoadContextType.IsInstanceOfType(ctx)) throw new ArgumentException($"Expected an ML.NET ModelLoadContext, got {ctx.GetType()}.");
        Invoke(ctx, "CheckAtModel", version.ToVersionInfo());
        return (BinaryReader)Field(ctx, "Reader");
    }

    /// <summary>The version the model in <paramref name="ctx"/> was written with (its header's ModelVerWritten), so a
    /// loader can read the fields older versions did not write.</summary>
    public static uint WrittenVersion(object ctx) => Convert.ToUInt32(Field(Field(ctx, "Header"), "ModelVerWritten"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads a named binary side stream of the model; throws naming the stream when it is missing.</summary>
    public static void LoadBinaryStream(object ctx, string name, Action<BinaryReader> read)
    {
        if (!(bool)Invoke(ctx, "TryLoadBinaryStream", name, read)!)
            throw new InvalidDataException($"The ML.NET model has no '{name}' stream: it was not saved by this version of Augment.");
    }

    /// <summary>
    /// Registers <paramref name="create"/> (static, (IHostEnvironment, object ctx) -> instance) as the loader for
    /// models whose header names <paramref name="loaderSignature"/>, as a [LoadableClass] attribute would.
    /// </summary>
    public static void RegisterLoader(ComponentCatalog catalog, Type instanceType, string loaderSignature, MethodInfo create)
    {
        var attributeCtor = ClassAttributeType.GetConstructor(Any, [typeof(Type), typeof(Type), typeof(Type), typeof(string), typeof(string[])])
            ?? throw Missing("LoadableClassAttribute(Type, Type, Type, string, string[])");
        var attribute = attributeCtor.Invoke([instanceType, null, SignatureLoadModel, instanceType.Name, new[] { loaderSignature }]);
        var infoCtor = ClassInfoType.GetConstructor(Any, [ClassAttributeBase, typeof(MethodInfo), typeof(ConstructorInfo), typeof(MethodInfo), typeof(bool)])
            ?? throw Missing("LoadableClassInfo constructor");
        var info = infoCtor.Invoke([attribute, null, null, create, true]);
        var addClass = typeof(ComponentCatalog).GetMethod("AddClass", Any) ?? throw Missing("ComponentCatalog.AddClass");
        var gate = Field(catalog, "_lock");
        lock (gate) addClass.Invoke(catalog, [info, new[] { loaderSignature }, false]);
    }

    internal static object NewVersionInfo(string modelSignature, uint version, uint readableFrom, string loaderSignature, string assembly) =>
        Activator.CreateInstance(VersionInfoType, Any, null,
            [modelSignature, version, version, readableFrom, assembly, loaderSignature, null], null)
        ?? throw Missing("VersionInfo constructor");

    static object? Invoke(object target, string name, params object?[] args)
    {
        var types = args.Select(a => a?.GetType() ?? typeof(object)).ToArray();
        var method = target.GetType().GetMethods(Any).FirstOrDefault(m => m.Name == name && Fits(m.GetParameters(), types))
            ?? throw Missing($"{target.GetType().Name}.{name}");
        try { return method.Invoke(target, args); }
        catch (TargetInvocationException e) when (e.InnerException != null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    static bool Fits(ParameterInfo[] parameters, Type[] args) =>
        parameters.Length == args.Length && parameters.Zip(args).All(p => p.First.ParameterType.IsAssignableFrom(p.Second));

    static object Field(object target, string name) =>
        (target.GetType().GetField(name, Any) ?? throw Missing($"{target.GetType().Name}.{name}")).GetValue(target)
        ?? throw new InvalidOperationException($"{target.GetType().Name}.{name} is null.");

    static Type CoreType(string name) => Core.GetType(name) ?? throw Missing(name);

    static MissingMemberException Missing(string what) =>
        new($"ML.NET {Core.GetName().Version} has no '{what}', which Augment uses to save and load its CNN inside ML.NET model files; this build expects Microsoft.ML 5.0.x.");
}

/// <summary>The header ML.NET writes before a model: an 8-char signature, a version, the loader's name and assembly.</summary>
/// <remarks><paramref name="ReadableFrom"/>: the oldest version this code still reads (ML.NET's verWeCanReadBack);
/// what it writes only readers of <paramref name="Version"/> can read.</remarks>
public sealed record ModelVersion(string ModelSignature, uint Version, string LoaderSignature, Type Loader, uint? ReadableFrom = null)
{
    public object ToVersionInfo() =>
        MlNetModelInterop.NewVersionInfo(ModelSignature, Version, ReadableFrom ?? Version, LoaderSignature, Loader.Assembly.FullName!);
}

/// <summary>
/// SchemaShape.Column's constructor is internal too, yet IEstimator.GetOutputSchema must return new columns: the
/// augmenter's and the CNN trainer's estimators make theirs here.
/// </summary>
public static class SchemaShapeColumns
{
    static readonly ConstructorInfo Ctor = typeof(SchemaShape.Column).GetConstructor(
        BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance, null,
        [typeof(string), typeof(SchemaShape.Column.VectorKind), typeof(Microsoft.ML.Data.DataViewType), typeof(bool), typeof(SchemaShape)], null)
        ?? throw new MissingMemberException("ML.NET has no SchemaShape.Column(name, kind, itemType, isKey, annotations) constructor; this build expects Microsoft.ML 5.0.x.");

    /// <summary>A column shape; <paramref name="annotations"/> default to none.</summary>
    public static SchemaShape.Column Make(string name, SchemaShape.Column.VectorKind kind, Microsoft.ML.Data.DataViewType itemType, bool isKey, SchemaShape? annotations = null) =>
        (SchemaShape.Column)Ctor.Invoke([name, kind, itemType, isKey, annotations ?? new SchemaShape([])]);
}
