using System.Reflection;
using System.Reflection.Emit;
using Microsoft.EntityFrameworkCore;

namespace Platform.IntegrationTests.Persistence;

/// <summary>A call to <c>Database.SqlQuery&lt;T&gt;</c> or <c>SqlQueryRaw&lt;T&gt;</c> in compiled code: who calls, the row type, and the SQL as compiled.</summary>
/// <param name="Sql">The constant SQL text: for an interpolated query its composite format (holes as <c>{0}</c>, <c>{1}</c>, …), which
/// SqlQueryRaw reads the same way; null when the SQL is not a constant at the call.</param>
internal sealed record RawQueryCall(string Caller, Type RowType, string? Sql);

/// <summary>
/// Finds the raw-SQL queries of an assembly by reading its IL, not its source: the compiler has already resolved the
/// row type (aliases, <c>var</c>, nested private types), turned the raw string literal into its text, and placed the
/// call in whatever method it really runs in (async state machines, lambdas, local functions). A source scan would
/// have to parse C# for all of that and would still miss a call written differently.
/// </summary>
internal static class RawQueryCalls
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> ByValue = BuildOpCodes();

    public static List<RawQueryCall> In(Assembly assembly)
    {
        var calls = new List<RawQueryCall>();
        foreach (var type in assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            {
                if (method.GetMethodBody()?.GetILAsByteArray() is { } il)
                {
                    Scan(method, il, calls);
                }
            }
        }

        return calls;
    }

    private static void Scan(MethodBase method, byte[] il, List<RawQueryCall> calls)
    {
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var instructions = new List<(OpCode Code, int Operand)>();
        for (var pos = 0; pos < il.Length;)
        {
            var code = il[pos] == 0xFE ? ByValue[unchecked((short)(0xFE00 | il[pos + 1]))] : ByValue[il[pos]];
            pos += code.Size;
            instructions.Add((code, pos));
            pos += code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, pos)),
                _ => 4,
            };
        }

        for (var i = 0; i < instructions.Count; i++)
        {
            if (Called(method, il, instructions[i], typeArguments, methodArguments) is { IsGenericMethod: true } called
                && called.DeclaringType == typeof(RelationalDatabaseFacadeExtensions) && called.Name is "SqlQuery" or "SqlQueryRaw")
            {
                calls.Add(new RawQueryCall($"{method.DeclaringType?.FullName}.{method.Name}", called.GetGenericArguments()[0],
                    SqlBefore(method, il, instructions, i, typeArguments, methodArguments)));
            }
        }
    }

    /// <summary>
    /// The SQL of the call at <paramref name="call"/>: the nearest string constant before it that is followed by the
    /// start of an argument array — <c>ldstr; ldc.i4 n; newarr</c> (an interpolated string's format and its holes, or
    /// SqlQueryRaw's text and params) or <c>ldstr; call Array.Empty</c> (SqlQueryRaw without parameters).
    /// </summary>
    private static string? SqlBefore(MethodBase method, byte[] il, List<(OpCode Code, int Operand)> instructions, int call, Type[]? typeArguments,
        Type[]? methodArguments)
    {
        for (var j = call - 2; j >= 0; j--)
        {
            if (instructions[j].Code != OpCodes.Ldstr)
            {
                continue;
            }

            var next = instructions[j + 1];
            var arrayFollows = (IsLoadInt(next.Code) && j + 2 < call && instructions[j + 2].Code == OpCodes.Newarr)
                || Called(method, il, next, typeArguments, methodArguments) is { Name: "Empty" } empty && empty.DeclaringType == typeof(Array);
            if (arrayFollows)
            {
                return method.Module.ResolveString(BitConverter.ToInt32(il, instructions[j].Operand));
            }
        }

        return null;
    }

    private static MethodBase? Called(MethodBase method, byte[] il, (OpCode Code, int Operand) instruction, Type[]? typeArguments, Type[]? methodArguments) =>
        instruction.Code == OpCodes.Call || instruction.Code == OpCodes.Callvirt
            ? method.Module.ResolveMethod(BitConverter.ToInt32(il, instruction.Operand), typeArguments, methodArguments)
            : null;

    private static bool IsLoadInt(OpCode code) => code == OpCodes.Ldc_I4 || code == OpCodes.Ldc_I4_S || code == OpCodes.Ldc_I4_M1
        || (code.Value >= OpCodes.Ldc_I4_0.Value && code.Value <= OpCodes.Ldc_I4_8.Value);

    private static Dictionary<short, OpCode> BuildOpCodes()
    {
        var codes = new Dictionary<short, OpCode>();
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var code = (OpCode)field.GetValue(null)!;
            codes.TryAdd(code.Value, code);
        }

        return codes;
    }
}
