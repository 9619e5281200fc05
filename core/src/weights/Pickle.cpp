// SPDX-License-Identifier: MIT
#include "weights/Pickle.h"

#include <cascadeclip/Error.h>

#include <charconv>
#include <cstring>
#include <unordered_map>

namespace cascadeclip::weights::pickle {

const Value* Value::get(std::string_view key) const
{
    if (kind != Kind::Dict)
        return nullptr;
    for (const auto& [k, v] : dict) {
        if (k && k->kind == Kind::String && k->text == key)
            return v.get();
    }
    return nullptr;
}

std::string Value::describe() const
{
    switch (kind) {
    case Kind::None:
        return "None";
    case Kind::Bool:
        return "bool";
    case Kind::Int:
        return "int";
    case Kind::Float:
        return "float";
    case Kind::String:
        return "str";
    case Kind::Bytes:
        return "bytes";
    case Kind::Tuple:
        return "tuple";
    case Kind::List:
        return "list";
    case Kind::Dict:
        return "dict";
    case Kind::Set:
        return "set";
    case Kind::Tensor:
        return "tensor";
    case Kind::Storage:
        return "storage";
    case Kind::Global:
        return "class " + text;
    case Kind::Object:
        return "object of class " + text;
    }
    return "value";
}

namespace {

// The largest tensor rank accepted (PyTorch's own limit is 64 too).
constexpr size_t kMaxDims = 64;

ValuePtr make(Value::Kind kind)
{
    auto v = std::make_shared<Value>();
    v->kind = kind;
    return v;
}

class Unpickler {
public:
    Unpickler(std::string_view bytes, const std::string& source, const PersistentLoader& loader)
        : m_bytes(bytes)
        , m_source(source)
        , m_loader(loader)
    {
    }

    ValuePtr run()
    {
        while (true) {
            m_opStart = m_pos;
            m_op = byte();
            if (m_op == '.') {
                if (m_stack.empty())
                    fail("STOP with an empty stack");
                return m_stack.back();
            }
            step();
        }
    }

private:
    [[noreturn]] void fail(const std::string& why) const
    {
        std::string msg = m_source;
        msg += ": not a valid pickle: at byte ";
        msg += std::to_string(m_opStart);
        msg += " (opcode 0x";
        constexpr const char* kHex = "0123456789abcdef";
        msg += kHex[m_op >> 4];
        msg += kHex[m_op & 15];
        msg += "): ";
        msg += why;
        throw Error(ErrorCode::WeightsMalformed, msg);
    }

    uint8_t byte()
    {
        if (m_pos >= m_bytes.size())
            fail("the data ends before STOP (truncated)");
        return static_cast<uint8_t>(m_bytes[m_pos++]);
    }

    std::string_view take(uint64_t n)
    {
        if (n > m_bytes.size() - m_pos)
            fail("declares " + std::to_string(n) + " bytes but only " + std::to_string(m_bytes.size() - m_pos)
                + " are left (truncated?)");
        const auto out = m_bytes.substr(m_pos, static_cast<size_t>(n));
        m_pos += static_cast<size_t>(n);
        return out;
    }

    uint64_t unsignedLe(int n)
    {
        const auto b = take(static_cast<uint64_t>(n));
        uint64_t v = 0;
        for (int i = n - 1; i >= 0; --i)
            v = (v << 8) | static_cast<uint8_t>(b[static_cast<size_t>(i)]);
        return v;
    }

    std::string_view line()
    {
        const auto nl = m_bytes.find('\n', m_pos);
        if (nl == std::string_view::npos)
            fail("a text argument has no end of line (truncated)");
        const auto out = m_bytes.substr(m_pos, nl - m_pos);
        m_pos = nl + 1;
        return out;
    }

    void push(ValuePtr v) { m_stack.push_back(std::move(v)); }

    ValuePtr pop()
    {
        if (m_stack.size() <= (m_marks.empty() ? 0 : m_marks.back()))
            fail("pops from an empty stack");
        auto v = std::move(m_stack.back());
        m_stack.pop_back();
        return v;
    }

    ValuePtr& top()
    {
        if (m_stack.size() <= (m_marks.empty() ? 0 : m_marks.back()))
            fail("needs a value on the stack");
        return m_stack.back();
    }

    /// The values pushed since the last MARK, removing them and the mark.
    std::vector<ValuePtr> popMark()
    {
        if (m_marks.empty())
            fail("no MARK to pop to");
        const size_t mark = m_marks.back();
        m_marks.pop_back();
        std::vector<ValuePtr> out(std::make_move_iterator(m_stack.begin() + static_cast<std::ptrdiff_t>(mark)),
            std::make_move_iterator(m_stack.end()));
        m_stack.resize(mark);
        return out;
    }

    int64_t integerOf(const Value& v, const char* what) const
    {
        if (v.kind == Value::Kind::Int)
            return v.integer;
        if (v.kind == Value::Kind::Bool)
            return v.boolean ? 1 : 0;
        fail(std::string(what) + " is " + v.describe() + ", expected an int");
    }

    ValuePtr makeInt(int64_t i)
    {
        auto v = make(Value::Kind::Int);
        v->integer = i;
        return v;
    }

    ValuePtr makeString(std::string_view s, Value::Kind kind = Value::Kind::String)
    {
        auto v = make(kind);
        v->text.assign(s);
        return v;
    }

    /// Two's complement little-endian integer of `n` bytes (LONG1/LONG4); wider than 64 bits is opaque.
    ValuePtr longInt(uint64_t n)
    {
        const auto b = take(n);
        if (n > 8) {
            auto v = make(Value::Kind::Object);
            v->text = "builtins.int (wider than 64 bits)";
            return v;
        }
        uint64_t u = 0;
        for (size_t i = n; i-- > 0;)
            u = (u << 8) | static_cast<uint8_t>(b[i]);
        if (n > 0 && n < 8 && (static_cast<uint8_t>(b[n - 1]) & 0x80))
            u |= ~uint64_t {0} << (8 * n); // sign-extend
        return makeInt(static_cast<int64_t>(u));
    }

    ValuePtr textInt(std::string_view s)
    {
        if (!s.empty() && s.back() == 'L')
            s.remove_suffix(1);
        if (s == "01" || s == "00") {
            auto v = make(Value::Kind::Bool);
            v->boolean = s == "01";
            return v;
        }
        int64_t i = 0;
        const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
        if (ec != std::errc() || p != s.data() + s.size())
            fail("'" + std::string(s) + "' is not an integer");
        return makeInt(i);
    }

    void memoPut(uint64_t index) { m_memo[index] = top(); }

    ValuePtr memoGet(uint64_t index)
    {
        const auto it = m_memo.find(index);
        if (it == m_memo.end())
            fail("memo entry " + std::to_string(index) + " was never stored");
        return it->second;
    }

    ValuePtr global(std::string_view module, std::string_view name)
    {
        auto v = make(Value::Kind::Global);
        // Protocol 2 names Python 3's builtins by their Python 2 module.
        v->text.assign(module == "__builtin__" ? "builtins" : module);
        v->text += '.';
        v->text.append(name);
        return v;
    }

    void setItems(Value& dict, std::vector<ValuePtr> items)
    {
        if (items.size() % 2 != 0)
            fail("SETITEMS with an odd number of values");
        if (dict.kind != Value::Kind::Dict) {
            if (dict.kind == Value::Kind::Object)
                return; // items of an unknown mapping class: kept opaque
            fail("SETITEM on " + dict.describe());
        }
        for (size_t i = 0; i < items.size(); i += 2) {
            bool replaced = false;
            if (items[i]->kind == Value::Kind::String) {
                for (auto& [k, v] : dict.dict) {
                    if (k->kind == Value::Kind::String && k->text == items[i]->text) {
                        v = items[i + 1];
                        replaced = true;
                        break;
                    }
                }
            }
            if (!replaced)
                dict.dict.emplace_back(items[i], items[i + 1]);
        }
    }

    void appendItems(Value& list, std::vector<ValuePtr> items)
    {
        if (list.kind == Value::Kind::List || list.kind == Value::Kind::Set) {
            for (auto& item : items)
                list.items.push_back(std::move(item));
        } else if (list.kind != Value::Kind::Object) {
            fail("APPEND to " + list.describe());
        }
    }

    ValuePtr rebuildTensor(const std::vector<ValuePtr>& args)
    {
        if (args.size() < 4 || args[0]->kind != Value::Kind::Storage || !args[2]->isSequence()
            || !args[3]->isSequence())
            fail("_rebuild_tensor arguments are not (storage, offset, size, stride, ...)");
        const torch::Tensor& storage = args[0]->tensor;
        const int64_t offset = integerOf(*args[1], "the storage offset");
        const auto& sizeItems = args[2]->items;
        const auto& strideItems = args[3]->items;
        if (sizeItems.size() != strideItems.size() || sizeItems.size() > kMaxDims)
            fail("tensor size and stride have " + std::to_string(sizeItems.size()) + " and "
                + std::to_string(strideItems.size()) + " dimensions");
        std::vector<int64_t> sizes, strides;
        constexpr int64_t kLimit = int64_t {1} << 62;
        int64_t extent = 0; // largest element index touched, relative to the offset
        bool empty = false;
        for (size_t i = 0; i < sizeItems.size(); ++i) {
            const int64_t size = integerOf(*sizeItems[i], "a tensor size");
            const int64_t stride = integerOf(*strideItems[i], "a tensor stride");
            if (size < 0 || stride < 0 || size > kLimit || stride > kLimit)
                fail("tensor dimension " + std::to_string(i) + " has size " + std::to_string(size) + " and stride "
                    + std::to_string(stride));
            sizes.push_back(size);
            strides.push_back(stride);
            if (size == 0)
                empty = true;
            else if (stride > 0 && size - 1 > (kLimit - extent) / stride)
                fail("tensor extent overflows");
            else
                extent += (size - 1) * stride;
        }
        const int64_t available = storage.numel();
        if (offset < 0 || (!empty && (offset >= available || extent >= available - offset)))
            fail("a tensor of size " + c10::str(c10::IntArrayRef(sizes)) + " at offset " + std::to_string(offset)
                + " does not fit in its storage of " + std::to_string(available) + " elements");
        auto v = make(Value::Kind::Tensor);
        v->tensor = empty ? torch::empty(sizes, storage.options()) : storage.as_strided(sizes, strides, offset);
        return v;
    }

    /// Latin-1 bytes of a str (how protocol 2 pickles bytes: _codecs.encode(str, 'latin1')).
    ValuePtr latin1Bytes(const std::vector<ValuePtr>& args)
    {
        auto v = make(Value::Kind::Bytes);
        if (args.empty() || !args[0]->isString())
            return v;
        const std::string& s = args[0]->text;
        for (size_t i = 0; i < s.size(); ++i) {
            const auto c = static_cast<uint8_t>(s[i]);
            if (c < 0x80) {
                v->text.push_back(static_cast<char>(c));
            } else if ((c & 0xe0) == 0xc0 && i + 1 < s.size()) {
                v->text.push_back(static_cast<char>(((c & 0x1f) << 6) | (static_cast<uint8_t>(s[i + 1]) & 0x3f)));
                ++i;
            }
        }
        return v;
    }

    /// REDUCE/NEWOBJ: the callables PyTorch's pickles use become plain values; anything else stays opaque.
    ValuePtr call(const Value& callable, const std::vector<ValuePtr>& args)
    {
        const std::string& name = callable.text;
        if (callable.kind == Value::Kind::Global) {
            if (name == "collections.OrderedDict" || name == "builtins.dict") {
                auto d = make(Value::Kind::Dict);
                if (!args.empty() && args[0]->isSequence()) {
                    std::vector<ValuePtr> flat;
                    for (const auto& pair : args[0]->items) {
                        if (!pair->isSequence() || pair->items.size() != 2)
                            fail("OrderedDict items are not pairs");
                        flat.push_back(pair->items[0]);
                        flat.push_back(pair->items[1]);
                    }
                    setItems(*d, std::move(flat));
                }
                return d;
            }
            if (name == "torch._utils._rebuild_tensor_v2" || name == "torch._utils._rebuild_tensor")
                return rebuildTensor(args);
            if (name == "torch._utils._rebuild_parameter" || name == "torch._utils._rebuild_parameter_with_state"
                || name.rfind("torch.jit._pickle.build_", 0) == 0 || name == "torch.jit._pickle.restore_type_tag") {
                if (args.empty())
                    fail(name + " without arguments");
                return args[0];
            }
            if (name == "builtins.set" || name == "builtins.frozenset") {
                auto s = make(Value::Kind::Set);
                if (!args.empty() && args[0]->isSequence())
                    s->items = args[0]->items;
                return s;
            }
            if (name == "_codecs.encode" || name == "builtins.bytearray" || name == "builtins.bytes")
                return latin1Bytes(args);
        }
        auto obj = make(Value::Kind::Object);
        obj->text = callable.kind == Value::Kind::Global ? name : "(" + callable.describe() + ")";
        obj->items = args;
        return obj;
    }

    std::vector<ValuePtr> argsOf(const ValuePtr& v)
    {
        if (v->kind == Value::Kind::Tuple || v->kind == Value::Kind::List)
            return v->items;
        fail("call arguments are " + v->describe() + ", not a tuple");
    }

    ValuePtr tuple(std::vector<ValuePtr> items)
    {
        auto t = make(Value::Kind::Tuple);
        t->items = std::move(items);
        return t;
    }

    void step()
    {
        using K = Value::Kind;
        switch (m_op) {
        case 0x80: // PROTO
            if (byte() > 5)
                fail("unsupported pickle protocol");
            break;
        case 0x95: // FRAME: only a length hint
            take(8);
            break;
        case '(': // MARK
            m_marks.push_back(m_stack.size());
            break;
        case '0': // POP
            if (!m_marks.empty() && m_marks.back() == m_stack.size())
                popMark();
            else
                pop();
            break;
        case '1': // POP_MARK
            popMark();
            break;
        case '2': // DUP
            push(top());
            break;
        case 'N':
            push(make(K::None));
            break;
        case 0x88: // NEWTRUE
        case 0x89: { // NEWFALSE
            auto v = make(K::Bool);
            v->boolean = m_op == 0x88;
            push(v);
            break;
        }
        case 'J':
            push(makeInt(static_cast<int32_t>(static_cast<uint32_t>(unsignedLe(4)))));
            break;
        case 'K':
            push(makeInt(static_cast<int64_t>(unsignedLe(1))));
            break;
        case 'M':
            push(makeInt(static_cast<int64_t>(unsignedLe(2))));
            break;
        case 0x8a: // LONG1
            push(longInt(unsignedLe(1)));
            break;
        case 0x8b: { // LONG4
            const auto n = static_cast<int32_t>(static_cast<uint32_t>(unsignedLe(4)));
            if (n < 0)
                fail("negative LONG4 length");
            push(longInt(static_cast<uint64_t>(n)));
            break;
        }
        case 'I':
        case 'L':
            push(textInt(line()));
            break;
        case 'G': { // BINFLOAT, big-endian
            const auto b = take(8);
            uint64_t u = 0;
            for (size_t i = 0; i < 8; ++i)
                u = (u << 8) | static_cast<uint8_t>(b[i]);
            auto v = make(K::Float);
            std::memcpy(&v->real, &u, sizeof u);
            push(v);
            break;
        }
        case 'F': {
            const std::string s(line());
            auto v = make(K::Float);
            char* end = nullptr;
            v->real = std::strtod(s.c_str(), &end);
            if (end != s.c_str() + s.size())
                fail("'" + s + "' is not a float");
            push(v);
            break;
        }
        case 'X': // BINUNICODE
            push(makeString(take(unsignedLe(4))));
            break;
        case 0x8c: // SHORT_BINUNICODE
            push(makeString(take(unsignedLe(1))));
            break;
        case 0x8d: // BINUNICODE8
            push(makeString(take(unsignedLe(8))));
            break;
        case 'T': { // BINSTRING (Python 2 str)
            const auto n = static_cast<int32_t>(static_cast<uint32_t>(unsignedLe(4)));
            if (n < 0)
                fail("negative BINSTRING length");
            push(makeString(take(static_cast<uint64_t>(n))));
            break;
        }
        case 'U': // SHORT_BINSTRING
            push(makeString(take(unsignedLe(1))));
            break;
        case 'V': // UNICODE (raw-unicode-escape; PyTorch never needs the escapes)
            push(makeString(line()));
            break;
        case 'S': { // STRING: a quoted repr
            auto s = line();
            if (s.size() >= 2 && (s.front() == '\'' || s.front() == '"') && s.back() == s.front())
                s = s.substr(1, s.size() - 2);
            push(makeString(s));
            break;
        }
        case 'B': // BINBYTES
            push(makeString(take(unsignedLe(4)), K::Bytes));
            break;
        case 'C': // SHORT_BINBYTES
            push(makeString(take(unsignedLe(1)), K::Bytes));
            break;
        case 0x8e: // BINBYTES8
        case 0x96: // BYTEARRAY8
            push(makeString(take(unsignedLe(8)), K::Bytes));
            break;
        case ')':
            push(make(K::Tuple));
            break;
        case 't':
            push(tuple(popMark()));
            break;
        case 0x85:
        case 0x86:
        case 0x87: { // TUPLE1..3
            std::vector<ValuePtr> items(static_cast<size_t>(m_op - 0x84));
            for (size_t i = items.size(); i-- > 0;)
                items[i] = pop();
            push(tuple(std::move(items)));
            break;
        }
        case ']':
            push(make(K::List));
            break;
        case 'l': {
            auto v = make(K::List);
            v->items = popMark();
            push(v);
            break;
        }
        case 'a': {
            auto item = pop();
            appendItems(*top(), {std::move(item)});
            break;
        }
        case 'e': {
            auto items = popMark();
            appendItems(*top(), std::move(items));
            break;
        }
        case '}':
            push(make(K::Dict));
            break;
        case 'd': {
            auto v = make(K::Dict);
            setItems(*v, popMark());
            push(v);
            break;
        }
        case 's': {
            auto value = pop();
            auto key = pop();
            setItems(*top(), {std::move(key), std::move(value)});
            break;
        }
        case 'u': {
            auto items = popMark();
            setItems(*top(), std::move(items));
            break;
        }
        case 0x8f: // EMPTY_SET
            push(make(K::Set));
            break;
        case 0x90: { // ADDITEMS
            auto items = popMark();
            appendItems(*top(), std::move(items));
            break;
        }
        case 0x91: { // FROZENSET
            auto v = make(K::Set);
            v->items = popMark();
            push(v);
            break;
        }
        case 'c': { // GLOBAL
            const auto module = line();
            const auto name = line();
            push(global(module, name));
            break;
        }
        case 0x93: { // STACK_GLOBAL
            auto name = pop();
            auto module = pop();
            if (!name->isString() || !module->isString())
                fail("STACK_GLOBAL needs two strings");
            push(global(module->text, name->text));
            break;
        }
        case 'R': { // REDUCE
            auto args = pop();
            auto callable = pop();
            push(call(*callable, argsOf(args)));
            break;
        }
        case 0x81: { // NEWOBJ
            auto args = pop();
            auto cls = pop();
            push(call(*cls, argsOf(args)));
            break;
        }
        case 0x92: { // NEWOBJ_EX
            pop(); // kwargs
            auto args = pop();
            auto cls = pop();
            push(call(*cls, argsOf(args)));
            break;
        }
        case 'o': { // OBJ
            auto items = popMark();
            if (items.empty())
                fail("OBJ without a class");
            auto cls = items.front();
            items.erase(items.begin());
            push(call(*cls, items));
            break;
        }
        case 'i': { // INST
            const auto module = line();
            const auto name = line();
            auto cls = global(module, name);
            push(call(*cls, popMark()));
            break;
        }
        case 'b': { // BUILD
            auto state = pop();
            auto& obj = top();
            if (obj->kind == K::Object)
                obj->state = std::move(state);
            // Dicts (an OrderedDict's `_metadata`), tensors and the rest: the state adds nothing we read.
            break;
        }
        case 'p': {
            const auto idx = textInt(line());
            if (idx->kind != K::Int || idx->integer < 0)
                fail("bad PUT index");
            memoPut(static_cast<uint64_t>(idx->integer));
            break;
        }
        case 'q':
            memoPut(unsignedLe(1));
            break;
        case 'r':
            memoPut(unsignedLe(4));
            break;
        case 0x94: // MEMOIZE
            memoPut(m_memo.size());
            break;
        case 'g': {
            const auto idx = textInt(line());
            if (idx->kind != K::Int || idx->integer < 0)
                fail("bad GET index");
            push(memoGet(static_cast<uint64_t>(idx->integer)));
            break;
        }
        case 'h':
            push(memoGet(unsignedLe(1)));
            break;
        case 'j':
            push(memoGet(unsignedLe(4)));
            break;
        case 'Q': { // BINPERSID
            auto pid = pop();
            if (!m_loader)
                fail("a persistent id (external storage) where none is expected");
            push(m_loader(*pid));
            break;
        }
        case 'P': { // PERSID
            auto pid = makeString(line());
            if (!m_loader)
                fail("a persistent id (external storage) where none is expected");
            push(m_loader(*pid));
            break;
        }
        default:
            fail("unsupported opcode");
        }
    }

    std::string_view m_bytes;
    const std::string& m_source;
    const PersistentLoader& m_loader;
    size_t m_pos = 0;
    size_t m_opStart = 0;
    uint8_t m_op = 0;
    std::vector<ValuePtr> m_stack;
    std::vector<size_t> m_marks;
    std::unordered_map<uint64_t, ValuePtr> m_memo;
};

} // namespace

ValuePtr unpickle(std::string_view bytes, const std::string& source, const PersistentLoader& persistentLoad)
{
    return Unpickler(bytes, source, persistentLoad).run();
}

} // namespace cascadeclip::weights::pickle
