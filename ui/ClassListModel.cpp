// SPDX-License-Identifier: MIT
#include "ui/ClassListModel.h"

#include <QFile>
#include <QPainter>
#include <QPixmap>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTextStream>

namespace cascadeclip::ui {

namespace {

// Largest class id; 0xFFFE and 0xFFFF are reserved in label maps (no-edit marker, unlabeled).
constexpr std::uint16_t kMaxClassId = 0xFFFD;

QPixmap swatch(const QColor& color)
{
    QPixmap pm(14, 14);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(color.darker(150));
    p.setBrush(color);
    p.drawRoundedRect(QRectF(0.5, 0.5, 13, 13), 3, 3);
    return pm;
}

} // namespace

ClassListModel::ClassListModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

int ClassListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_classes.size());
}

QVariant ClassListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ClassEntry& c = m_classes.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return c.name;
    case Qt::DecorationRole:
        return swatch(c.color);
    case Qt::ToolTipRole:
        return index.row() < 9 ? tr("%1 (key %2, id %3)").arg(c.name).arg(index.row() + 1).arg(c.id)
                               : tr("%1 (id %2)").arg(c.name).arg(c.id);
    case Qt::CheckStateRole:
        return c.seen ? Qt::Checked : Qt::Unchecked;
    case IdRole:
        return c.id;
    case ColorRole:
        return c.color;
    case SeenRole:
        return c.seen;
    case HotkeyRole:
        return index.row() < 9 ? index.row() + 1 : 0;
    default:
        return {};
    }
}

bool ClassListModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    ClassEntry& c = m_classes[index.row()];
    switch (role) {
    case Qt::EditRole: {
        const QString name = value.toString().simplified();
        const int other = rowOfName(name);
        if (name.isEmpty() || (other >= 0 && other != index.row()))
            return false;
        c.name = name;
        Q_EMIT dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole});
        return true;
    }
    case ColorRole: {
        const QColor color = value.value<QColor>();
        if (!color.isValid())
            return false;
        c.color = color;
        Q_EMIT dataChanged(index, index, {Qt::DecorationRole, ColorRole});
        return true;
    }
    case Qt::CheckStateRole:
    case SeenRole:
        c.seen = role == SeenRole ? value.toBool() : value.toInt() == Qt::Checked;
        Q_EMIT dataChanged(index, index, {Qt::CheckStateRole, SeenRole});
        return true;
    default:
        return false;
    }
}

Qt::ItemFlags ClassListModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable | Qt::ItemIsUserCheckable
        | Qt::ItemNeverHasChildren;
}

bool ClassListModel::removeRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > rowCount())
        return false;
    beginRemoveRows(parent, row, row + count - 1);
    m_classes.remove(row, count);
    endRemoveRows();
    // Hotkeys follow rows.
    if (row < rowCount())
        Q_EMIT dataChanged(index(row), index(rowCount() - 1), {HotkeyRole, Qt::ToolTipRole});
    return true;
}

bool ClassListModel::moveRows(const QModelIndex& sourceParent, int sourceRow, int count,
    const QModelIndex& destinationParent, int destinationChild)
{
    if (sourceParent.isValid() || destinationParent.isValid() || count <= 0 || sourceRow < 0
        || sourceRow + count > rowCount() || destinationChild < 0 || destinationChild > rowCount()
        || (destinationChild >= sourceRow && destinationChild <= sourceRow + count))
        return false;
    beginMoveRows(sourceParent, sourceRow, sourceRow + count - 1, destinationParent, destinationChild);
    QVector<ClassEntry> moved(m_classes.begin() + sourceRow, m_classes.begin() + sourceRow + count);
    m_classes.remove(sourceRow, count);
    const int insertAt = destinationChild > sourceRow ? destinationChild - count : destinationChild;
    for (int i = 0; i < count; ++i)
        m_classes.insert(insertAt + i, moved.at(i));
    endMoveRows();
    Q_EMIT dataChanged(index(0), index(rowCount() - 1), {HotkeyRole, Qt::ToolTipRole});
    return true;
}

QHash<int, QByteArray> ClassListModel::roleNames() const
{
    QHash<int, QByteArray> roles = QAbstractListModel::roleNames();
    roles.insert(IdRole, "classId");
    roles.insert(ColorRole, "color");
    roles.insert(SeenRole, "seen");
    roles.insert(HotkeyRole, "hotkey");
    return roles;
}

int ClassListModel::addClass(const QString& rawName, const QColor& color)
{
    const QString name = rawName.simplified();
    if (name.isEmpty() || rowOfName(name) >= 0 || m_nextId > kMaxClassId)
        return -1;
    const int row = rowCount();
    beginInsertRows({}, row, row);
    ClassEntry c;
    c.id = m_nextId++;
    c.name = name;
    c.color = color.isValid() ? color : paletteColor(c.id);
    m_classes.append(c);
    endInsertRows();
    return row;
}

int ClassListModel::addClasses(const QString& text)
{
    int added = 0;
    for (const QString& part : text.split(QRegularExpression(QStringLiteral("[,\\n]")), Qt::SkipEmptyParts))
        added += addClass(part) >= 0 ? 1 : 0;
    return added;
}

int ClassListModel::rowOfId(std::uint16_t id) const
{
    for (int i = 0; i < m_classes.size(); ++i)
        if (m_classes.at(i).id == id)
            return i;
    return -1;
}

int ClassListModel::rowOfName(const QString& name) const
{
    for (int i = 0; i < m_classes.size(); ++i)
        if (m_classes.at(i).name.compare(name.simplified(), Qt::CaseInsensitive) == 0)
            return i;
    return -1;
}

QStringList ClassListModel::names() const
{
    QStringList out;
    for (const ClassEntry& c : m_classes)
        out << c.name;
    return out;
}

void ClassListModel::setClasses(const QVector<ClassEntry>& classes, std::uint16_t nextId)
{
    beginResetModel();
    m_classes = classes;
    m_nextId = nextId;
    for (const ClassEntry& c : classes)
        m_nextId = std::max<std::uint16_t>(m_nextId, static_cast<std::uint16_t>(c.id + 1));
    endResetModel();
}

bool ClassListModel::importLabels(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    QTextStream in(&file);
    while (!in.atEnd()) {
        const QString line = in.readLine().trimmed();
        // labelme's labels.txt starts with these two pseudo-classes (ecosystem.md §3.2).
        if (line.isEmpty() || line == QLatin1String("__ignore__") || line == QLatin1String("_background_"))
            continue;
        addClass(line);
    }
    return true;
}

bool ClassListModel::exportLabels(const QString& path, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    QTextStream out(&file);
    for (const ClassEntry& c : m_classes)
        out << c.name << '\n';
    out.flush();
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

QColor ClassListModel::paletteColor(int index)
{
    // Kelly's colours of maximum contrast (minus white and black), reordered so that the first few, which short
    // vocabularies use, are far apart and not garish.
    static const QRgb kPalette[]
        = {0x0067a5, 0xf38400, 0x008856, 0xbe0032, 0x875692, 0xf3c300, 0xa1caf1, 0xe68fac, 0x604e97, 0xc2b280, 0x882d17,
            0x8db600, 0xf99379, 0x654522, 0xdcd300, 0xb3446c, 0x848482, 0xe25822, 0x2b3d26, 0xf6a600};
    constexpr int n = sizeof(kPalette) / sizeof(kPalette[0]);
    return QColor::fromRgb(kPalette[((index % n) + n) % n]);
}

} // namespace cascadeclip::ui
