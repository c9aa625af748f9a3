using System.Reflection;
using System.Runtime.CompilerServices;
using Mono.Cecil;
using NetArchTest.Rules;
using PLBadges.Abstractions.Modules;

namespace PLBadges.ArchitectureTests;

/// <summary>
/// The architecture rules. Each takes the assembly under test, so the same rule runs against the real
/// assemblies (and must pass) and against the broken fixture module (and must fail).
/// </summary>
public static class Rules
{
    private const string RazorGeneratedNamespace = "AspNetCoreGeneratedDocument";
    private const string ContractsNamespacePattern = @"(^|\.)Contracts(\.|$)";

    /// <summary>
    /// Rule 1: the assembly uses the other modules only through their <c>&lt;root&gt;.Contracts</c> namespace.
    /// </summary>
    /// <remarks>
    /// NetArchTest matches a dependency by leading name segments: forbidding "PLBadges.Identity" would
    /// also forbid "PLBadges.Identity.Contracts". So the forbidden list is every type of each other
    /// module outside its Contracts namespace, by full name.
    /// </remarks>
    public static RuleResult UsesOtherModulesOnlyThroughContracts(Assembly underTest, IEnumerable<Assembly> modules)
    {
        var forbidden = modules
            .Where(module => module != underTest)
            .SelectMany(module =>
            {
                var contracts = RootNamespace(module) + ".Contracts";
                return DependableTypes(module).Where(type => !IsInNamespace(type, contracts));
            });
        return NoDependencyOn("uses other modules only through their Contracts namespace", underTest, forbidden);
    }

    /// <summary>Rule 2: the assembly (the host) uses no type of any module, Contracts included.</summary>
    public static RuleResult DependsOnNoModule(Assembly underTest, IEnumerable<Assembly> modules) =>
        NoDependencyOn("depends on no module", underTest, modules.Where(module => module != underTest).SelectMany(DependableTypes));

    /// <summary>Rule 3: the assembly uses no type of the given assemblies (for example Abstractions: no module, Data or host).</summary>
    public static RuleResult DependsOnNoneOf(Assembly underTest, IEnumerable<Assembly> forbidden)
    {
        var assemblies = forbidden.Where(assembly => assembly != underTest).ToList();
        var names = string.Join(", ", assemblies.Select(a => a.GetName().Name).Order(StringComparer.Ordinal));
        return NoDependencyOn($"depends on none of {names}", underTest, assemblies.SelectMany(DependableTypes));
    }

    /// <summary>
    /// Rule 4: every type in a <c>*.Contracts</c> namespace is an interface, a record (class or struct)
    /// or an enum, so what other modules see is a behaviour to call or a value, never shared mutable state.
    /// </summary>
    public static RuleResult ContractsAreInterfacesRecordsOrEnums(Assembly underTest)
    {
        var shape = new InterfaceRecordOrEnum();
        var result = Types.InAssembly(underTest)
            .That().ResideInNamespaceMatching(ContractsNamespacePattern)
            .Should().MeetCustomRule(shape)
            .GetResult();
        var violations = result.IsSuccessful
            ? []
            : FailingNames(result).Select(name => new Violation(DisplayName(name), "is not an interface, a record or an enum", [])).ToList();
        return new RuleResult("Contracts types are interfaces, records or enums only", underTest.GetName().Name!, shape.Seen, violations);
    }

    /// <summary>
    /// Rule 5: the assembly connects out only through the guarded client
    /// (<c>PLBadges.Abstractions.Outbound.GuardedHttpClients</c>): it constructs no HttpClient and no
    /// handler, asks IHttpClientFactory for nothing, registers no client of its own, and opens no
    /// socket and looks up no name. Those would reach whatever address a credential or a webhook named,
    /// unchecked. Read from the IL with Mono.Cecil, every type included (NetArchTest's skipped
    /// namespaces, nested and compiler-generated types: an async method's body lives in one).
    /// </summary>
    public static RuleResult ConnectsOutOnlyThroughTheGuardedClient(Assembly underTest)
    {
        using var module = ModuleDefinition.ReadModule(underTest.Location);
        var uses = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var types = 0;
        foreach (var type in module.GetTypes())
        {
            types++;
            foreach (var instruction in type.Methods.Where(m => m.HasBody).SelectMany(m => m.Body.Instructions))
            {
                if (instruction.Operand is not MethodReference called)
                {
                    continue;
                }

                var declaring = called.DeclaringType.GetElementType().FullName;
                var constructs = instruction.OpCode == Mono.Cecil.Cil.OpCodes.Newobj && ConstructedOnlyByTheGuard.Contains(declaring);
                if (constructs || OutboundTypes.Contains(declaring))
                {
                    var owner = type;
                    while (owner.DeclaringType != null)
                    {
                        owner = owner.DeclaringType;
                    }

                    var use = constructs ? $"new {declaring}" : $"{declaring}.{called.Name}";
                    (uses.TryGetValue(DisplayName(owner.FullName), out var set) ? set : uses[DisplayName(owner.FullName)] = new SortedSet<string>(StringComparer.Ordinal)).Add(use);
                }
            }
        }

        var violations = uses.Select(u => Violation.Using(u.Key, u.Value.ToList())).ToList();
        return new RuleResult("connects out only through the guarded client", underTest.GetName().Name!, types, violations);
    }

    /// <summary>Types whose every use makes or configures a connection the guard does not see.</summary>
    private static readonly HashSet<string> OutboundTypes = new(StringComparer.Ordinal)
    {
        "System.Net.Http.IHttpClientFactory",
        "System.Net.Http.HttpClientFactoryExtensions",
        "System.Net.Http.SocketsHttpHandler",
        "System.Net.Http.HttpClientHandler",
        "Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions",
        "Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions",
        "System.Net.Sockets.Socket",
        "System.Net.Sockets.TcpClient",
        "System.Net.Sockets.UdpClient",
        "System.Net.Dns",
        "System.Net.WebClient",
        "System.Net.WebRequest",
        "System.Net.HttpWebRequest",
    };

    /// <summary>Types a module may use (a client it was given) but not make: a made one has an unguarded handler.</summary>
    private static readonly HashSet<string> ConstructedOnlyByTheGuard = new(StringComparer.Ordinal)
    {
        "System.Net.Http.HttpClient",
        "System.Net.Http.HttpMessageInvoker",
        "System.Net.Sockets.NetworkStream",
    };

    /// <summary>The full names of the types that failed a rule (none when it passed).</summary>
    private static IReadOnlyList<string> FailingNames(TestResult result) =>
        result.IsSuccessful || result.FailingTypes == null ? [] : result.FailingTypes.Select(type => type.FullName).ToList();

    /// <summary>The module's root namespace: that of the startup type its marker attribute names.</summary>
    public static string RootNamespace(Assembly module) =>
        module.GetCustomAttribute<PLBadgesModuleAttribute>()?.StartupType.Namespace
        ?? throw new ArgumentException($"{module.GetName().Name} carries no [assembly: PLBadgesModule(...)] marker, so it is not a module.", nameof(module));

    /// <summary>
    /// The types another assembly could depend on, by full name. Left out, because no other assembly can
    /// name them and their names are not unique across assemblies (NetArchTest matches names, not
    /// assemblies): compiler-generated types (closures, NullableAttribute and the like, which every
    /// assembly carries its own copy of) and Razor's generated view classes in
    /// "AspNetCoreGeneratedDocument", which are internal and named after the view's path, so two modules
    /// with a Pages/Index.cshtml would accuse each other. A view's page model is an ordinary type and
    /// stays in the list. Nested types are covered by their declaring type (a name matches its prefix).
    /// </summary>
    public static IReadOnlyList<Type> DependableTypes(Assembly assembly) =>
        LoadableTypes(assembly)
            .Where(type => !type.IsNested
                && !type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false)
                && type.FullName is { } name && !name.Contains('<')
                && !IsInNamespace(type, RazorGeneratedNamespace))
            .ToList();

    private static RuleResult NoDependencyOn(string rule, Assembly underTest, IEnumerable<Type> forbiddenTypes)
    {
        var forbidden = forbiddenTypes.Select(type => type.FullName!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (forbidden.Length == 0)
        {
            // An empty list would let any assembly pass; a rule must have something to forbid.
            throw new InvalidOperationException($"Rule '{rule}' has no forbidden types for {underTest.GetName().Name}, so it would pass vacuously.");
        }

        var types = Types.InAssembly(underTest);
        var result = types.Should().NotHaveDependencyOnAny(forbidden).GetResult();
        var failing = FailingNames(result);
        var typesChecked = result.SelectedTypesForTesting.Count();
        if (failing.Count == 0)
        {
            return new RuleResult(rule, underTest.GetName().Name!, typesChecked, Unseen(underTest));
        }

        // Name what each offending type uses: one search per forbidden type, only when the rule failed.
        var uses = failing.ToDictionary(name => name, _ => new SortedSet<string>(StringComparer.Ordinal));
        foreach (var name in forbidden)
        {
            var users = types.Should().NotHaveDependencyOnAny(name).GetResult();
            foreach (var user in FailingNames(users))
            {
                uses.GetValueOrDefault(user)?.Add(name);
            }
        }

        var violations = failing
            .Order(StringComparer.Ordinal)
            .Select(name => Violation.Using(DisplayName(name), uses[name].ToList()))
            .ToList();
        return new RuleResult(rule, underTest.GetName().Name!, typesChecked, [.. violations, .. Unseen(underTest)]);
    }

    /// <summary>
    /// NetArchTest skips every type whose name starts with System, Microsoft, Mono.Cecil, netstandard,
    /// NetArchTest.Rules or xunit (as a whole name segment), so a type of ours declared there (say, an
    /// extension class in Microsoft.Extensions.DependencyInjection) would never be checked. Report it
    /// instead of letting it pass unseen. Generated types (with '&lt;' in their names) are not ours.
    /// </summary>
    private static IReadOnlyList<Violation> Unseen(Assembly underTest) =>
        DependableTypes(underTest)
            .Where(type => SkippedByNetArchTest.Any(ns => IsInNamespace(type, ns)))
            .Select(type => new Violation(type.FullName!, "is declared in a namespace NetArchTest does not analyse, so this rule cannot check it; move it into the assembly's own namespace", []))
            .ToList();

    private static readonly string[] SkippedByNetArchTest = ["System", "Microsoft", "Mono.Cecil", "netstandard", "NetArchTest.Rules", "xunit"];

    private static bool IsInNamespace(Type type, string ns) =>
        type.Namespace is { } own && (own == ns || own.StartsWith(ns + ".", StringComparison.Ordinal));

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            throw new InvalidOperationException(
                $"Not every type of {assembly.GetName().Name} could be loaded, so the rule cannot see them all: "
                + string.Join("; ", ex.LoaderExceptions.Select(e => e?.Message).Distinct()), ex);
        }
    }

    /// <summary>Cecil writes nested types as Outer/Inner; reflection and C# readers expect Outer+Inner.</summary>
    private static string DisplayName(string cecilName) => cecilName.Replace('/', '+');

    private sealed class InterfaceRecordOrEnum : ICustomRule
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        /// <summary>How many types the rule looked at (NetArchTest may ask about a type more than once).</summary>
        public int Seen => _seen.Count;

        public bool MeetsRule(TypeDefinition type)
        {
            _seen.Add(type.FullName);
            return type.IsInterface || type.IsEnum || IsRecord(type);
        }

        // The compiler gives every record class a "<Clone>$" method and a generated EqualityContract
        // property, and every record (class or struct) a generated PrintMembers method; a hand-written
        // class cannot declare "<Clone>$" and its own members do not carry [CompilerGenerated].
        private static bool IsRecord(TypeDefinition type) =>
            type.Methods.Any(m => m.Name == "<Clone>$")
            || type.Properties.Any(p => p.Name == "EqualityContract" && p.GetMethod is { } get && IsCompilerGenerated(get))
            || (type.IsValueType && type.Methods.Any(m => m.Name == "PrintMembers" && IsCompilerGenerated(m)));

        private static bool IsCompilerGenerated(Mono.Cecil.ICustomAttributeProvider member) =>
            member.CustomAttributes.Any(a => a.AttributeType.FullName == typeof(CompilerGeneratedAttribute).FullName);
    }
}
